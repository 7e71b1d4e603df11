package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.leadsync.sync.SyncWorld.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.port.Owner;
import org.leadsync.port.OwnerKind;
import org.leadsync.sync.SyncWorld.Pair;

/** docs/sync-rules.md R22: Dynamics users and teams become Marketo sales persons; a record's owner links its person. */
class OwnerRulesTest {

    private final SyncWorld world = new SyncWorld();

    OwnerRulesTest() {
        world.dynamics.ownerColumn();
    }

    @Test
    void r22_usersAndTeamsBecomeSalesPersons_andEachPersonLinksToItsRecordsOwner() {
        String ada = world.owners.put(OwnerKind.SYSTEMUSER, null, "Ada", "Lovelace", "ada@corp.example", "+44 1", "Sales Director");
        String team = world.owners.put(OwnerKind.TEAM, null, null, "Inside Sales", "inside@corp.example", null, null);
        String leadId = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "owned@example.com", "lastname", "Owned",
                "subject", "Enquiry", "ownerid", ada);
        String contactId = world.dynamics.insert(CrmEntity.CONTACT, "emailaddress1", "team@example.com", "lastname", "Teamed",
                "ownerid", team);

        world.sync();

        Owner salesPerson = world.salesPersons.byExternalId(ada);
        assertEquals(new Owner(ada, OwnerKind.SYSTEMUSER, "Ada", "Lovelace", "ada@corp.example", "+44 1", "Sales Director"), salesPerson);
        assertEquals("Inside Sales", world.salesPersons.byExternalId(team).lastName());
        long leadPerson = world.marketo.idsWhere(CrmFields.ID, leadId).get(0);
        long contactPerson = world.marketo.idsWhere(CrmFields.ID, contactId).get(0);
        assertEquals(ada, world.marketo.value(leadPerson, CrmFields.SALES_PERSON));
        assertEquals(team, world.marketo.value(contactPerson, CrmFields.SALES_PERSON));
        ActivityEntry created = world.entriesOfType("created-in-marketo").stream()
                .filter(e -> "systemuser".equals(e.entity())).findFirst().orElseThrow();
        assertEquals(ada, created.dynamicsId());
        assertNull(created.personId(), "a sales person is not a person");
        assertEquals("team", world.entriesOfType("created-in-marketo").stream()
                .filter(e -> team.equals(e.dynamicsId())).findFirst().orElseThrow().entity());
    }

    @Test
    void r22_anOwnerChangeInDynamics_reachesThePersonInTheNextCycle_once() {
        String ada = world.owners.user("Ada", "Lovelace", "ada@corp.example");
        String alan = world.owners.user("Alan", "Turing", "alan@corp.example");
        String leadId = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "moving@example.com", "lastname", "Moving",
                "subject", "Enquiry", "ownerid", ada);
        world.sync();
        long person = world.marketo.idsWhere(CrmFields.ID, leadId).get(0);
        int mark = world.mark();

        world.dynamics.edit(CrmEntity.LEAD, leadId, "ownerid", alan);
        world.sync();

        assertEquals(alan, world.marketo.value(person, CrmFields.SALES_PERSON));
        ActivityEntry updated = only(world.since(mark), "updated-in-marketo");
        assertEquals(List.of(CrmFields.SALES_PERSON), updated.fieldList());
        assertEquals(Long.valueOf(person), updated.personId());

        int writes = world.marketo.updatesReceived().size();
        world.dynamics.edit(CrmEntity.LEAD, leadId, "firstname", "Same owner");
        world.sync();
        world.sync();
        assertEquals(writes + 1, world.marketo.updatesReceived().size(), "only the first name moves, once");
        assertEquals(List.of("firstName"), List.copyOf(world.marketo.updatesReceived().get(writes).fields().keySet()));
    }

    @Test
    void r22_aPersonLinkedByEmail_andAQualifiedLeadsContact_carryTheOwner() {
        String ada = world.owners.user("Ada", "Lovelace", "ada@corp.example");
        String alan = world.owners.user("Alan", "Turing", "alan@corp.example");
        long existing = world.marketo.addPerson("email", "known@example.com", "lastName", "Known");
        String leadId = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "known@example.com", "lastname", "Known",
                "subject", "Enquiry", "ownerid", ada);
        world.sync();
        assertEquals(ada, world.marketo.value(existing, CrmFields.SALES_PERSON), "linked by email (R10)");

        world.dynamics.edit(CrmEntity.LEAD, leadId, "ownerid", alan);
        String contactId = world.dynamics.qualify(leadId);
        world.sync();

        assertEquals(contactId, world.marketo.value(existing, CrmFields.ID));
        assertEquals(alan, world.marketo.value(existing, CrmFields.SALES_PERSON), "the contact's owner (R16)");
    }

    @Test
    void r22_anOwnersOwnChange_updatesItsSalesPerson_andWritesNoPerson() {
        String ada = world.owners.user("Ada", "Lovelace", "ada@corp.example");
        world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "owned@example.com", "lastname", "Owned",
                "subject", "Enquiry", "ownerid", ada);
        world.sync();
        int personWrites = world.marketo.updatesReceived().size();
        int mark = world.mark();

        world.owners.put(OwnerKind.SYSTEMUSER, ada, "Ada", "King", "ada@corp.example", "+44 2", "CRO");
        world.sync();

        assertEquals("King", world.salesPersons.byExternalId(ada).lastName());
        assertEquals("CRO", world.salesPersons.byExternalId(ada).title());
        assertEquals(personWrites, world.marketo.updatesReceived().size());
        ActivityEntry updated = only(world.since(mark), "updated-in-marketo");
        assertEquals("systemuser", updated.entity());
        assertEquals("update", updated.operation());
    }

    @Test
    void r22_aQuietCycle_readsEachOwnerFeedOnce_andWritesNothing() {
        String ada = world.owners.user("Ada", "Lovelace", "ada@corp.example");
        world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "owned@example.com", "lastname", "Owned",
                "subject", "Enquiry", "ownerid", ada);
        world.sync();
        int reads = world.owners.reads();
        int salesPersonWrites = world.salesPersons.received().size();
        int personWrites = world.marketo.updatesReceived().size() + world.marketo.createsReceived().size();

        CycleRun run = world.sync();

        assertEquals(reads + 2, world.owners.reads(), "one delta read of systemusers, one of teams");
        assertEquals(salesPersonWrites, world.salesPersons.received().size());
        assertEquals(personWrites, world.marketo.updatesReceived().size() + world.marketo.createsReceived().size());
        assertEquals(0, run.writtenToMarketo());
    }

    @Test
    void r22_aSalesPersonMarketoRefuses_isLoggedOnce_andTheOthersGoOn() {
        world.salesPersons.refuseEmail("bad@corp.example");
        String bad = world.owners.user("Bad", "Mail", "bad@corp.example");
        String good = world.owners.user("Good", "Mail", "good@corp.example");

        world.sync();
        world.sync();

        ActivityEntry failed = only(world.entriesOfType("sync-failed"), "sync-failed");
        assertEquals(bad, failed.dynamicsId());
        assertEquals("systemuser", failed.entity());
        assertEquals("1003", failed.errorCode());
        assertEquals("Good", world.salesPersons.byExternalId(good).firstName());
    }

    @Test
    void r22_anExpiredOwnersCursor_restartsThatFeedWithAFullRead() {
        String ada = world.owners.user("Ada", "Lovelace", "ada@corp.example");
        world.sync();
        world.owners.expireDeltaLinks();
        world.owners.put(OwnerKind.SYSTEMUSER, ada, "Ada", "Byron", "ada@corp.example", null, null);

        world.sync();

        assertEquals("Byron", world.salesPersons.byExternalId(ada).lastName());
    }
}
