package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadsync.sync.SyncWorld.describe;
import static org.leadsync.sync.SyncWorld.only;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.MarketoUnavailable;
import org.leadsync.sync.SyncWorld.Pair;

/** docs/sync-rules.md R10 (Dynamics → Marketo creates), R11 (never the other way) and R12 (two records, one email). */
class CreationRulesTest {

    private final SyncWorld world = new SyncWorld();

    // ---- R10 ---------------------------------------------------------------------------------------------

    @Test
    void r10_newDynamicsRecordsBecomePersonsExactlyOnce() {
        long existing = world.marketo.addPerson("email", "pre@example.com", "firstName", "Pre");
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "new@example.com", "lastname", "Newman",
                "companyname", "Acme", "subject", "Web");
        String noEmail = world.dynamics.insert(CrmEntity.LEAD, "lastname", "Nomail", "subject", "Phone call");
        String contact = world.dynamics.insert(CrmEntity.CONTACT, "emailaddress1", "cole@example.com", "lastname", "Cole");
        String toExisting = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "PRE@example.com", "lastname", "Existing",
                "subject", "Web");

        world.sync(); // the initial read of both tables (R5) runs every row through R10
        world.sync(); // a re-run changes nothing

        assertEquals(4, world.marketo.personCount(), "three created, one linked");
        long created = single(world.marketo.idsWhere(CrmFields.ID, lead));
        Map<String, Object> person = world.marketo.person(created);
        assertEquals("new@example.com", person.get("email"));
        assertEquals("Newman", person.get("lastName"));
        assertEquals("Acme", person.get("company"));
        assertEquals("Lead", person.get(CrmFields.TYPE));
        assertEquals(Boolean.FALSE, person.get(CrmFields.DELETED));
        assertFalse(world.marketo.createsReceived().get(0).containsKey("phone"), "only non-empty values are sent");
        RecordLink link = world.linkOf(created);
        assertEquals(LinkState.ACTIVE, link.state());
        assertEquals(CrmEntity.LEAD, link.entity());
        Map<String, String> expectedSnapshot = new HashMap<>();
        expectedSnapshot.putAll(Map.of("email", "new@example.com", "lastName", "Newman", "company", "Acme"));
        expectedSnapshot.put("firstName", null);
        expectedSnapshot.put("title", null);
        expectedSnapshot.put("phone", null);
        assertEquals(expectedSnapshot, link.snapshotValues(), "the record's values are the snapshot of every mapped field");
        ActivityEntry entry = only(world.entries(created), "created-in-marketo");
        assertEquals("to-marketo", entry.direction());
        assertEquals("create", entry.operation());
        assertEquals("success", entry.outcome());
        assertEquals("lead", entry.entity());
        assertEquals(lead, entry.dynamicsId());
        assertTrue(entry.fieldList().containsAll(List.of("email", "lastName", "company", CrmFields.ID)), entry.fieldList().toString());

        long nomail = single(world.marketo.idsWhere(CrmFields.ID, noEmail));
        assertEquals("Nomail", world.marketo.value(nomail, "lastName"), "created and linked by its id");
        assertEquals(noEmail, world.linkOf(nomail).dynamicsId());

        long contactPerson = single(world.marketo.idsWhere(CrmFields.ID, contact));
        assertEquals("Contact", world.marketo.value(contactPerson, CrmFields.TYPE));
        assertEquals(CrmEntity.CONTACT, world.linkOf(contactPerson).entity());

        assertEquals(List.of(existing), world.marketo.idsWhere("email", "pre@example.com"),
                "an unlinked person with the email (compared case-insensitively) is linked, not duplicated");
        assertEquals(toExisting, world.marketo.value(existing, CrmFields.ID));
        assertEquals("Lead", world.marketo.value(existing, CrmFields.TYPE));
        assertEquals("Pre", world.dynamics.value(CrmEntity.LEAD, toExisting, "firstname"), "merged at once (R9)");
        assertEquals("Existing", world.marketo.value(existing, "lastName"));
        assertEquals(List.of(), world.entriesOfType("created-in-marketo").stream()
                .filter(e -> e.personId() == existing).toList());
        assertEquals(3, world.entriesOfType("created-in-marketo").size());
        assertEquals(4, world.marketo.createsReceived().size(),
                "one createOnly each, the existing email answered 1005; the second cycle asked for no person");
    }

    /** R10 step 3: no look-up before the create; only the records Marketo answers 1005 for are looked up. */
    @Test
    void r10_newRecordsAreCreatedWithoutALookUp_onlyAnExistingEmailIsLookedUp() {
        world.sync();
        long existing = world.marketo.addPerson("email", "known@example.com");
        world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "a@example.com", "lastname", "A", "subject", "Web");
        world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "b@example.com", "lastname", "B", "subject", "Web");
        world.dynamics.insert(CrmEntity.LEAD, "lastname", "Nomail", "subject", "Web");
        int reads = world.marketo.reads();

        world.sync();

        assertEquals(4, world.marketo.personCount());
        assertEquals(reads, world.marketo.reads(), "three persons created without reading Marketo");
        String known = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "KNOWN@example.com", "lastname", "K", "subject", "Web");
        world.sync();
        assertEquals(reads + 1, world.marketo.reads(), "one look-up, by email, for the record Marketo answered 1005 for");
        assertEquals(known, world.linkOf(existing).dynamicsId());
        assertEquals(4, world.marketo.personCount());
    }

    @Test
    void r10_severalPersonsWithTheEmail_theLowestIdIsLinked() {
        long first = world.marketo.addPerson("email", "dup@example.com", "lastName", "First");
        long second = world.marketo.addPerson("email", "Dup@Example.com", "lastName", "Second");
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "dup@example.com", "subject", "Web");

        world.sync();

        assertTrue(first < second);
        assertEquals(lead, world.linkOf(first).dynamicsId());
        assertNull(world.linkOf(second));
        assertEquals(2, world.marketo.personCount());
    }

    /** R10 + R6: a cycle killed after Marketo created the persons but before its page committed. */
    @Test
    void r10_rerunAfterACrash_findsThePersonsItCreated_byMsftIdOrEmail() {
        String withEmail = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "ada@example.com", "lastname", "Ada",
                "subject", "Web");
        String withoutEmail = world.dynamics.insert(CrmEntity.LEAD, "lastname", "Nomail", "subject", "Phone call");
        world.crashBeforeNextCommit();

        CycleRun crashed = world.cycle();

        assertEquals("failed", crashed.outcome());
        assertEquals(2, world.marketo.personCount(), "Marketo's creates were made before the crash");
        assertEquals(List.of(), world.links.all(), "the page's links rolled back");
        assertEquals(List.of(), world.log.all(), "the page's entries rolled back");
        assertTrue(world.cursors.find(SyncCursor.DYNAMICS_LEADS).isEmpty(), "the cursor did not move: the page is redone");
        long adaPerson = single(world.marketo.idsWhere(CrmFields.ID, withEmail));
        long nomailPerson = single(world.marketo.idsWhere(CrmFields.ID, withoutEmail));

        world.sync();
        world.sync();

        assertEquals(2, world.marketo.personCount(), "no person is duplicated by the re-run");
        assertEquals(2, world.marketo.createsReceived().size(), "the re-run asked Marketo for no new person");
        assertEquals(withEmail, world.linkOf(adaPerson).dynamicsId());
        assertEquals(withoutEmail, world.linkOf(nomailPerson).dynamicsId(), "found by msftId");
        assertEquals("Nomail", world.linkOf(nomailPerson).snapshotValues().get("lastName"));
        assertEquals(List.of(), world.log.all().stream().filter(e -> "failed".equals(e.outcome())).toList());
    }

    /** R10 + R6: the page died before Marketo created anything; the re-run creates each person once. */
    @Test
    void r10_rerunAfterAFailedPage_createsEachPersonOnce() {
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "bo@example.com", "lastname", "Bo", "subject", "Web");
        world.marketo.failNext("createPersons", new MarketoUnavailable("HTTP 503", "Service Unavailable", null));

        assertEquals(SyncCycle.THROTTLED, world.cycle().outcome(), "the vendor stayed unavailable (R6)");
        assertEquals(0, world.marketo.personCount());

        world.sync();
        world.sync();

        long person = single(world.marketo.idsWhere(CrmFields.ID, lead));
        assertEquals(1, world.marketo.personCount());
        assertEquals(1, world.entries(person).stream().filter(e -> e.type().equals("created-in-marketo")).count());
    }

    /** R10 step 2: a person found for the record and already linked to this very record (a redone page): nothing. */
    @Test
    void r10_personAlreadyLinkedToThisRecord_nothingIsDone() {
        Pair pair = world.linkedLead("redo");
        int mark = world.mark();
        int marketoWrites = world.marketo.updatesReceived().size();
        FieldSet fields = world.fields(CrmEntity.LEAD);
        List<DynamicsRecord> records = world.dynamics.byIds(CrmEntity.LEAD, List.of(pair.dynamicsId()), fields.attributes());

        CycleCounts counts = world.creation.createOrLink(fields, records);

        assertEquals(CycleCounts.NONE, counts);
        assertEquals(1, world.links.all().size());
        assertEquals(1, world.marketo.personCount());
        assertEquals(marketoWrites, world.marketo.updatesReceived().size());
        assertEquals(2, world.marketo.createsReceived().size(), "asked once more, answered 1005 and found linked to this record");
        assertEquals(List.of(), world.typesSince(mark));
    }

    /**
     * R10 step 1 + R6: a page killed after Marketo created the person left a creation intent, so the re-run finds
     * that person by its msftId, even though the record's email changed while LeadSync was down.
     */
    @Test
    void r10_aPersonCreatedBeforeAKill_isFoundByMsftId_evenWithAnotherEmail() {
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "eve@example.com", "lastname", "Eve", "subject", "Web");
        world.crashBeforeNextCommit();
        assertEquals("failed", world.cycle().outcome());
        long earlier = single(world.marketo.idsWhere(CrmFields.ID, lead));
        assertEquals(1, world.creationIntents.size(), "the intent outlived the kill");
        world.dynamics.edit(CrmEntity.LEAD, lead, "emailaddress1", "eve.new@example.com");

        CycleRun run = world.sync();

        assertEquals(earlier, world.linkOfRecord(lead).personId());
        assertEquals(1, world.marketo.personCount(), "nothing duplicated");
        assertEquals(1, world.marketo.createsReceived().size(), "the re-run asked Marketo for no new person");
        assertEquals(0, run.failed());
        assertEquals(0, world.creationIntents.size(), "the re-run's commit cleared the intent");
        assertEquals("eve@example.com", world.dynamics.value(CrmEntity.LEAD, lead, "emailaddress1"),
                "merged at once (R9): the two emails collide and Marketo wins for a lead");
        assertEquals(List.of("email"), only(world.log.all(), "collision").fieldList());
    }

    /** Without a creation intent no msftId look-up is made: the create path costs one createOnly per 300 records. */
    @Test
    void r10_withoutACreationIntentNoRecordIsLookedUpByMsftId() {
        world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "fay@example.com", "lastname", "Fay", "subject", "Web");
        world.sync();
        assertEquals(0, world.marketo.reads(), "no look-up by msftId or email on an empty Marketo");
        assertEquals(0, world.creationIntents.size());
    }

    /** R10 step 4: a person with the record's email made since the page began is answered 1005, then linked, not failed. */
    @Test
    void r10_aPersonWithTheEmailMadeBeforeTheCreate_isLinked_notFailed() {
        world.sync();
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "race@example.com", "lastname", "Race", "subject", "Web");
        long[] racer = new long[1];
        world.marketo.beforeNextCreate(() -> racer[0] = world.marketo.addPerson("email", "Race@example.com"));

        CycleRun run = world.sync();

        assertEquals(1, world.marketo.personCount(), "never duplicated: createOnly on the email refused a second person");
        assertEquals(racer[0], world.linkOfRecord(lead).personId());
        assertEquals(0, run.failed());
        assertEquals(List.of(), world.entriesOfType("sync-failed"), describe(world.log.all()));
        assertEquals("Lead", world.marketo.value(racer[0], CrmFields.TYPE), "linked as in step 2");
        assertEquals(lead, world.marketo.value(racer[0], CrmFields.ID));
    }

    // ---- R11 ---------------------------------------------------------------------------------------------

    @Test
    void r11_newMarketoPersonIsNotCreatedInDynamics() {
        world.sync(); // LeadSync runs before the person is created
        long person = world.marketo.addPerson("email", "only.marketo@example.com", "lastName", "Only Marketo");
        world.marketo.edit(person, "title", "Still only Marketo");

        CycleRun cycle = world.sync();
        world.sync();

        assertEquals(2, cycle.pulledFromMarketo(), "the cycle saw the New Lead and the change");
        assertEquals(0, world.dynamics.count(CrmEntity.LEAD));
        assertEquals(0, world.dynamics.count(CrmEntity.CONTACT));
        assertEquals(0, world.dynamics.createCalls());
        assertEquals(List.of(), world.dynamics.writesReceived());
        assertNull(world.marketo.value(person, CrmFields.ID));
        assertNull(world.linkOf(person));
        assertEquals(List.of(), world.log.all());
    }

    // ---- R12 ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] second record is a {0}")
    @EnumSource(CrmEntity.class)
    void r12_secondRecordWithALinkedPersonsEmail_isASyncError(CrmEntity secondEntity) {
        Pair pair = world.linkedLead("twin");
        String second = world.dynamics.insert(secondEntity, "emailaddress1", "Twin@example.com", "lastname", "Twin");

        CycleRun run = world.sync();
        world.sync(); // looked at again only when it changes again (R19)

        assertEquals(1, world.marketo.personCount(), "nothing created");
        assertEquals(pair.dynamicsId(), world.marketo.value(pair.personId(), CrmFields.ID), "nothing re-linked");
        assertEquals(pair.dynamicsId(), world.linkOf(pair.personId()).dynamicsId());
        assertNull(world.linkOfRecord(second), "the second record is not linked");
        ActivityEntry failure = only(world.log.all(), "sync-failed");
        assertEquals(pair.personId(), failure.personId());
        assertEquals("failed", failure.outcome());
        assertEquals("to-marketo", failure.direction());
        assertEquals("link", failure.operation());
        assertEquals(List.of("email"), failure.fieldList());
        assertEquals("duplicate-email", failure.errorCode());
        assertEquals(secondEntity.logicalName(), failure.entity());
        assertEquals(second, failure.dynamicsId());
        assertTrue(failure.message().contains(second) && failure.message().contains(pair.dynamicsId())
                && failure.message().contains(String.valueOf(pair.personId())), failure.message());
        assertEquals(1, run.failed());
    }

    @Test
    void r12_aPersonTakenByAnotherNewRecordOnTheSamePage_isASyncError() {
        long person = world.marketo.addPerson("email", "shared@example.com", "lastName", "Shared");
        String first = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "shared@example.com", "subject", "One");
        String second = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "shared@example.com", "subject", "Two");

        world.sync();

        assertEquals(first, world.linkOf(person).dynamicsId());
        assertNull(world.linkOfRecord(second));
        assertEquals(1, world.marketo.personCount());
        ActivityEntry failure = only(world.log.all(), "sync-failed");
        assertEquals("duplicate-email", failure.errorCode());
        assertEquals(second, failure.dynamicsId());
        assertEquals(person, failure.personId());
    }

    /** R12: new records of one page sharing an email no person has yet give one person and errors for the others. */
    @Test
    void r12_twoNewRecordsWithOneEmailOnOnePage_createOnePerson() {
        String first = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "same@example.com", "subject", "One");
        String second = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "Same@example.com", "subject", "Two");

        CycleRun run = world.sync();
        world.sync();

        long person = single(world.marketo.idsWhere("email", "same@example.com"));
        assertEquals(first, world.linkOf(person).dynamicsId());
        assertNull(world.linkOfRecord(second));
        ActivityEntry failure = only(world.log.all(), "sync-failed");
        assertNull(failure.personId());
        assertEquals("failed", failure.outcome());
        assertEquals("create", failure.operation());
        assertEquals("to-marketo", failure.direction());
        assertEquals("duplicate-email", failure.errorCode());
        assertEquals(second, failure.dynamicsId());
        assertTrue(failure.message().contains(first), "names the record that got the person: " + failure.message());
        assertEquals(1, run.failed());
    }

    @Test
    void r12_twoNewRecordsWithOneEmailOnDifferentPages_secondIsASyncError() {
        world.dynamics.pageSize(1);
        String first = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "same@example.com", "subject", "One");
        String second = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "same@example.com", "subject", "Two");

        world.sync();

        long person = single(world.marketo.idsWhere("email", "same@example.com"));
        assertEquals(first, world.linkOf(person).dynamicsId());
        assertNull(world.linkOfRecord(second));
        assertEquals(second, only(world.log.all(), "sync-failed").dynamicsId());
    }

    private static long single(List<Long> ids) {
        assertEquals(1, ids.size(), "exactly one person: " + ids);
        return ids.get(0);
    }

    // ---- R5: the initial sync reads what changes while it runs -----------------------------------------------

    /**
     * The very first cycle: a person already in Marketo is linked by email, and while the same cycle goes on
     * creating the other persons a user edits the linked person in Marketo. That edit reaches Dynamics,
     * because the Marketo feed's position was fixed before the cycle read anything.
     */
    @Test
    void r05_marketoEditsMadeDuringTheInitialSyncAreNotLost() {
        long existing = world.marketo.addPerson("email", "early@example.com", "firstName", "Eve", "lastName", "Early");
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "early@example.com", "firstname", "Eve",
                "lastname", "Early", "subject", "Known already");
        world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "new@example.com", "lastname", "New", "subject", "New");
        world.marketo.beforeNextCreate(() -> world.marketo.edit(existing, "title", "Edited during the initial sync"));

        world.sync();
        world.sync();

        assertEquals(existing, world.linkOfRecord(lead).personId());
        assertEquals("Edited during the initial sync", world.dynamics.value(CrmEntity.LEAD, lead, "jobtitle"));
    }
}
