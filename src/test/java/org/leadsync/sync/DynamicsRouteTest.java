package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.link.LinkState;
import org.leadsync.port.CrmEntity;

/** R10, R12, R13, R14, R16: how one Dynamics change is routed, table-driven. `~` is "no link". */
class DynamicsRouteTest {

    @ParameterizedTest(name = "[{index}] {0} link={1} deleted={2} passes={3} qualified={4} fromLinkedLead={5} -> {6}")
    @CsvSource(nullValues = "~", textBlock = """
            LEAD,    ACTIVE,              false, true,  false, false, MERGE
            CONTACT, ACTIVE,              false, true,  false, false, MERGE
            LEAD,    ACTIVE,              false, false, false, false, FILTER_OUT
            LEAD,    FILTERED_OUT,        false, true,  false, false, FILTER_IN
            LEAD,    FILTERED_OUT,        false, false, false, false, IGNORE
            LEAD,    ~,                   false, false, false, false, IGNORE
            LEAD,    ~,                   false, true,  false, false, CREATE_OR_LINK_PERSON
            CONTACT, ~,                   false, true,  false, false, CREATE_OR_LINK_PERSON
            LEAD,    ACTIVE,              true,  true,  false, false, MARK_DELETED
            LEAD,    FILTERED_OUT,        true,  false, false, false, MARK_DELETED
            LEAD,    DELETED_IN_DYNAMICS, false, true,  false, false, IGNORE
            LEAD,    ~,                   true,  true,  false, false, IGNORE
            CONTACT, ~,                   false, true,  false, true,  FOLLOW_CONVERSION
            CONTACT, ~,                   false, false, false, true,  FOLLOW_CONVERSION
            LEAD,    ~,                   false, true,  true,  false, IGNORE
            LEAD,    ~,                   true,  true,  true,  false, IGNORE
            """)
    void routes(CrmEntity entity, LinkState link, boolean deleted, boolean passes, boolean qualified,
                boolean fromLinkedLead, DynamicsRoute expected) {
        assertEquals(expected, DynamicsRoute.of(entity, link, deleted, passes, qualified, fromLinkedLead));
    }

    @ParameterizedTest(name = "[{index}] new_synctomkto={0} -> syncs {1}")
    @CsvSource(nullValues = "~", textBlock = """
            ~,     true
            true,  true
            TRUE,  true
            false, false
            False, false
            """)
    void r13FilterTruthTable(String value, boolean syncs) {
        assertEquals(syncs, SyncFilter.passes(value));
        if (value != null && !value.isBlank()) {
            assertEquals(syncs, SyncFilter.passes(Boolean.valueOf(value)));
        }
    }

    @ParameterizedTest(name = "[{index}] found={0} linkedTo={1} -> {2}")
    @CsvSource(nullValues = "~", textBlock = """
            false, ~,                                    CREATE
            true,  ~,                                    LINK
            true,  7eb682f1-ca75-e511-80d4-00155d2a68d1, LINK
            true,  2e451703-c686-e711-80e5-00155db19e6d, TAKEN_BY_ANOTHER_RECORD
            """)
    void r10AndR12PersonMatch(boolean found, String linkedTo, PersonMatch expected) {
        assertEquals(expected, PersonMatch.of(found, linkedTo, "7eb682f1-ca75-e511-80d4-00155d2a68d1"));
    }

    @org.junit.jupiter.api.Test
    void filterPassesWhenTheAttributeIsMissing() {
        assertTrue(SyncFilter.passes(null));
        assertFalse(SyncFilter.passes(Boolean.FALSE));
    }
}
