package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.leadsync.sync.SyncWorld.describe;
import static org.leadsync.sync.SyncWorld.only;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.sync.SyncWorld.Pair;

/** docs/sync-rules.md R13: the sync filter `new_synctomkto`, its truth table and its transitions. */
class FilterRulesTest {

    private final SyncWorld world = new SyncWorld();

    @ParameterizedTest(name = "[{index}] {0} {1}, new_synctomkto={2} -> person created: {3}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            # entity | table has the attribute | value | syncs
            LEAD     | without                 | ~     | true
            LEAD     | with                    | ~     | true
            LEAD     | with                    | true  | true
            LEAD     | with                    | false | false
            CONTACT  | without                 | ~     | true
            CONTACT  | with                    | ~     | true
            CONTACT  | with                    | true  | true
            CONTACT  | with                    | false | false
            """)
    void r13_truthTable_aNewRecordSyncsUnlessTheFlagIsFalse(CrmEntity entity, String table, Boolean flag, boolean syncs) {
        if (table.equals("without")) {
            world.dynamics.dropAttribute(entity, SyncFilter.ATTRIBUTE);
        }
        String id = flag == null
                ? world.dynamics.insert(entity, "emailaddress1", "flag@example.com", "lastname", "Flag")
                : world.dynamics.insert(entity, "emailaddress1", "flag@example.com", "lastname", "Flag", SyncFilter.ATTRIBUTE, flag);

        world.sync();

        assertEquals(syncs ? 1 : 0, world.marketo.idsWhere(CrmFields.ID, id).size());
        assertEquals(syncs ? 1 : 0, world.marketo.personCount(), "no person for a record that does not pass");
        assertEquals(syncs, world.linkOfRecord(id) != null);
        assertEquals(syncs ? 1 : 0, world.entriesOfType("created-in-marketo").size());
    }

    /** R13's transition table, walked in order on one record. */
    @Test
    void r13_transitions_activeToFilteredOutAndBack() {
        Pair pair = world.linkedLead("flt");

        // active + does not pass: filtered-out, entry filtered-out, the person stays
        int mark = world.mark();
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), SyncFilter.ATTRIBUTE, false);
        world.sync();
        assertEquals(LinkState.FILTERED_OUT, world.linkOf(pair.personId()).state());
        ActivityEntry out = only(world.since(mark), "filtered-out");
        assertEquals("success", out.outcome());
        assertEquals(pair.personId(), out.personId());
        assertEquals(pair.dynamicsId(), out.dynamicsId());
        assertEquals(List.of("filtered-out"), world.typesSince(mark));
        assertNotNull(world.marketo.person(pair.personId()), "the person is not deleted");

        // filtered-out: changes on either side move nothing; filtered-out + does not pass is ignored
        mark = world.mark();
        int marketoWrites = world.marketo.updatesReceived().size();
        int dynamicsWrites = world.dynamics.writesReceived().size();
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "companyname", "Hidden Co");
        world.marketo.edit(pair.personId(), "firstName", "Stale");
        world.sync();
        world.sync();
        assertEquals("Acme", world.marketo.value(pair.personId(), "company"), "no update to Marketo");
        assertEquals("Fay", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "firstname"), "no update to Dynamics");
        assertEquals(marketoWrites, world.marketo.updatesReceived().size());
        assertEquals(dynamicsWrites, world.dynamics.writesReceived().size());
        assertEquals(LinkState.FILTERED_OUT, world.linkOf(pair.personId()).state());
        assertEquals(List.of(), world.typesSince(mark));

        // filtered-out + passes: active again, entry filtered-in, the pair is merged at once (R7)
        mark = world.mark();
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), SyncFilter.ATTRIBUTE, true);
        world.sync();
        assertEquals(LinkState.ACTIVE, world.linkOf(pair.personId()).state());
        assertEquals("success", only(world.since(mark), "filtered-in").outcome());
        assertEquals("Hidden Co", world.marketo.value(pair.personId(), "company"));
        assertEquals("Stale", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "firstname"));
        assertEquals("Hidden Co", world.snapshot(pair).get("company"));
        assertEquals("Stale", world.snapshot(pair).get("firstName"));
    }

    @Test
    void r13_noLinkAndDoesNotPass_isIgnored_untilItPasses() {
        world.sync();
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "later@example.com", "lastname", "Later",
                "subject", "Web", SyncFilter.ATTRIBUTE, false);
        world.sync();
        world.dynamics.edit(CrmEntity.LEAD, lead, "jobtitle", "Still hidden");
        world.sync();
        assertEquals(0, world.marketo.personCount());
        assertEquals(List.of(), world.log.all());

        world.dynamics.edit(CrmEntity.LEAD, lead, SyncFilter.ATTRIBUTE, true);
        world.sync();

        long person = world.marketo.idsWhere(CrmFields.ID, lead).get(0);
        assertEquals("Still hidden", world.marketo.value(person, "title"));
        assertEquals(1, world.entriesOfType("created-in-marketo").size());
    }

    /** R13 + R9: a link that becomes active again decides the fields it never agreed on as a first link does. */
    @Test
    void r13_filterIn_decidesFieldsNeverAgreedUnderR9() {
        world.sync();
        long person = world.marketo.addPerson("email", "r9@example.com", "firstName", "Ann", "title", "CTO");
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "r9@example.com", "lastname", "Lee",
                "jobtitle", "CEO", "subject", "Web", SyncFilter.ATTRIBUTE, false);
        // linked with no snapshot, as the flow action links a person by email (R15), then filtered out
        RecordLink link = new RecordLink(person, CrmEntity.LEAD, lead, Instant.parse("2025-03-03T07:00:00Z"));
        link.changeState(LinkState.FILTERED_OUT, Instant.parse("2025-03-03T07:00:00Z"));
        world.links.add(link);

        world.dynamics.edit(CrmEntity.LEAD, lead, SyncFilter.ATTRIBUTE, true);
        world.sync();

        assertEquals(LinkState.ACTIVE, world.linkOf(person).state());
        assertEquals("Ann", world.dynamics.value(CrmEntity.LEAD, lead, "firstname"), "empty side takes the other's value");
        assertEquals("Lee", world.marketo.value(person, "lastName"));
        assertEquals("CTO", world.dynamics.value(CrmEntity.LEAD, lead, "jobtitle"), "a collision Marketo wins for a lead");
        assertEquals(1, world.entriesOfType("collision").size(), describe(world.log.all()));
        assertNull(world.linkOf(person).snapshotValues().get("phone"));
        assertEquals(6, world.linkOf(person).snapshotValues().size(), "every mapped lead field is agreed now");
    }
}
