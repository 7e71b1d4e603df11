package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.leadsync.sync.SyncWorld.describe;
import static org.leadsync.sync.SyncWorld.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.sync.SyncWorld.Pair;

/** docs/sync-rules.md R16: a lead qualified in Dynamics. */
class ConversionRulesTest {

    private final SyncWorld world = new SyncWorld();

    @Test
    void r16_qualifiedLead_relinksThePersonToTheContact() {
        Pair pair = world.linkedLead("qual");
        int mark = world.mark();

        String contactId = world.dynamics.qualify(pair.dynamicsId());
        world.sync();

        assertEquals(1, world.marketo.personCount(), "no person for the contact");
        assertEquals("Contact", world.marketo.value(pair.personId(), CrmFields.TYPE));
        assertEquals(contactId, world.marketo.value(pair.personId(), CrmFields.ID));
        RecordLink link = world.linkOf(pair.personId());
        assertEquals(CrmEntity.CONTACT, link.entity());
        assertEquals(contactId, link.dynamicsId());
        assertEquals(pair.dynamicsId(), link.convertedFromLeadId());
        assertEquals(LinkState.ACTIVE, link.state());
        ActivityEntry converted = only(world.since(mark), "converted-to-contact");
        assertEquals("success", converted.outcome());
        assertEquals("to-marketo", converted.direction());
        assertEquals("contact", converted.entity());
        assertEquals(contactId, converted.dynamicsId());
        assertEquals(List.of(), world.entriesOfType("created-in-marketo").stream()
                .filter(e -> contactId.equals(e.dynamicsId())).toList());
        int leadUpdates = world.dynamics.updatesOf(CrmEntity.LEAD, pair.dynamicsId());

        // the contact now takes Marketo's updates, the qualified lead never again
        world.marketo.edit(pair.personId(), "title", "After qualify");
        world.sync();
        assertEquals("After qualify", world.dynamics.value(CrmEntity.CONTACT, contactId, "jobtitle"));
        assertEquals("Manager", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "jobtitle"));
        assertEquals(leadUpdates, world.dynamics.updatesOf(CrmEntity.LEAD, pair.dynamicsId()));

        // later changes of the qualified lead in the leads feed are ignored
        mark = world.mark();
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "companyname", "Old lead edit", "jobtitle", "Old lead title");
        world.sync();
        assertEquals("Acme", world.marketo.value(pair.personId(), "company"));
        assertEquals("After qualify", world.marketo.value(pair.personId(), "title"));
        assertEquals(List.of(), world.typesSince(mark));

        // and from now on Dynamics wins collisions (R8)
        world.marketo.edit(pair.personId(), "title", "M wins?");
        world.dynamics.edit(CrmEntity.CONTACT, contactId, "jobtitle", "D wins");
        world.sync();
        assertEquals("D wins", world.marketo.value(pair.personId(), "title"));
        assertEquals("D wins", world.dynamics.value(CrmEntity.CONTACT, contactId, "jobtitle"));
    }

    /** R16: the conversion merges three-way against the lead's snapshot; lead-only fields drop out. */
    @Test
    void r16_conversionMergesTheContactAgainstTheLeadsSnapshot() {
        Pair pair = world.linkedLead("three");
        world.marketo.edit(pair.personId(), "phone", "+1 555 0100", "company", "Marketo Co");
        String contactId = world.dynamics.qualify(pair.dynamicsId());
        world.dynamics.edit(CrmEntity.CONTACT, contactId, "jobtitle", "Contact title");

        world.sync();

        assertEquals("Contact title", world.marketo.value(pair.personId(), "title"), "Dynamics changed it");
        assertEquals("+1 555 0100", world.dynamics.value(CrmEntity.CONTACT, contactId, "telephone1"), "Marketo changed it");
        assertNull(world.dynamics.row(CrmEntity.CONTACT, contactId).get("companyname"), "company is mapped for leads only");
        assertEquals("Acme", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "companyname"),
                "the qualified lead is not written");
        assertEquals(0, world.entriesOfType("collision").size(), describe(world.log.all()));
    }

    @Test
    void r16_contactOfAnUnlinkedLead_isAnOrdinaryNewRecord() {
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "quiet@example.com", "lastname", "Quiet",
                "subject", "Web", SyncFilter.ATTRIBUTE, false);
        world.sync();
        String contactId = world.dynamics.qualify(lead);

        world.sync();

        long person = world.marketo.idsWhere(CrmFields.ID, contactId).get(0);
        assertEquals("Contact", world.marketo.value(person, CrmFields.TYPE));
        RecordLink link = world.linkOf(person);
        assertEquals(CrmEntity.CONTACT, link.entity());
        assertNull(link.convertedFromLeadId());
        assertEquals(1, world.entriesOfType("created-in-marketo").size());
        assertEquals(List.of(), world.entriesOfType("converted-to-contact"));
    }

    /**
     * R1/R13: a filtered-out link moves nothing either way. Qualifying its lead into a contact that does not pass
     * the filter either must not start moving values.
     */
    @Test
    void r16_qualifyingAFilteredOutLead_movesNoValues() {
        Pair pair = world.linkedLead("hidden");
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), SyncFilter.ATTRIBUTE, false);
        world.sync();
        world.marketo.edit(pair.personId(), "title", "Marketo while hidden");
        String contactId = world.dynamics.qualify(pair.dynamicsId());
        world.dynamics.edit(CrmEntity.CONTACT, contactId, SyncFilter.ATTRIBUTE, false, "firstname", "Dyn while hidden");
        int marketoWrites = world.marketo.updatesReceived().size();

        world.sync();

        assertEquals("Manager", world.dynamics.value(CrmEntity.CONTACT, contactId, "jobtitle"), "no update to Dynamics");
        assertEquals("Fay", world.marketo.value(pair.personId(), "firstName"), "no update to Marketo");
        assertEquals(marketoWrites, world.marketo.updatesReceived().size(), describe(world.log.all()));
    }
}
