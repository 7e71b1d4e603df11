package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadsync.sync.SyncWorld.describe;
import static org.leadsync.sync.SyncWorld.only;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.sync.SyncWorld.Pair;

/**
 * docs/sync-rules.md R17 (Dynamics validation), R18 (Marketo rejections) and R19 (a permanent failure is logged
 * once per change). In the tables `X*60` stands for sixty X.
 */
class FailureRulesTest {

    private static final Map<String, String> ATTRIBUTE = Map.of("lastName", "lastname", "phone", "telephone1",
            "title", "jobtitle");

    private final SyncWorld world = new SyncWorld();

    // ---- R17 ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}.{1}={2} refused with {4}; the other record syncs")
    @CsvSource(delimiter = '|', textBlock = """
            # entity | field    | bad value     | good value       | errorCode  | attribute at fault
            # checked against the metadata before sending (MaxLength 50, a required attribute cleared)
            LEAD     | lastName | L*60          | Fine             | max-length | lastname
            CONTACT  | lastName | ''            | Fine             | required   | lastname
            # refused by Dynamics itself (a business rule), with its own code
            LEAD     | phone    | call me maybe | +44 20 7946 0000 | 0x80040265 | telephone1
            CONTACT  | phone    | call me maybe | +44 20 7946 0000 | 0x80040265 | telephone1
            """)
    void r17_validationFailureOfOneRecord_isLoggedWithDynamicsReason_andTheOthersSync(
            CrmEntity entity, String field, String badValue, String goodValue, String errorCode, String attribute) {
        world.dynamics.businessRule(entity, "telephone1", v -> v == null || v.toString().matches("\\+?[0-9 ]+"),
                "0x80040265", "Business rule 'Phone format': telephone1 may hold only digits, spaces and a leading +");
        Pair bad = entity == CrmEntity.LEAD ? world.linkedLead("bad") : world.linkedContact("bad");
        Pair good = entity == CrmEntity.LEAD ? world.linkedLead("good") : world.linkedContact("good");
        Object before = world.dynamics.value(entity, bad.dynamicsId(), attribute);
        String snapshotBefore = world.snapshot(bad).get(field);
        int mark = world.mark();
        // the bad person also changes a valid field: one PATCH carries both, and the whole PATCH is refused
        world.marketo.edit(bad.personId(), field, expand(badValue), "title", "Also changed");
        world.marketo.edit(good.personId(), field, goodValue);

        CycleRun run = world.sync();

        assertEquals(goodValue, world.dynamics.value(entity, good.dynamicsId(), attribute), "the other record synced");
        assertEquals(goodValue, world.snapshot(good).get(field));
        assertEquals(before, world.dynamics.value(entity, bad.dynamicsId(), attribute), "nothing changed in Dynamics");
        assertEquals("Manager", world.dynamics.value(entity, bad.dynamicsId(), "jobtitle"), "the record's write failed whole");
        assertEquals("Manager", world.snapshot(bad).get("title"));
        assertEquals(snapshotBefore, world.snapshot(bad).get(field), "the snapshot does not advance (R19)");
        List<ActivityEntry> logged = world.since(mark).stream().filter(e -> e.personId() == bad.personId()).toList();
        ActivityEntry failure = only(logged, "sync-failed");
        assertEquals(1, logged.size(), describe(logged));
        assertEquals("failed", failure.outcome());
        assertEquals("to-dynamics", failure.direction());
        assertEquals("update", failure.operation());
        assertEquals(entity.logicalName(), failure.entity());
        assertEquals(bad.dynamicsId(), failure.dynamicsId());
        assertEquals(List.of(attribute), failure.fieldList(), "the attribute at fault");
        assertEquals(errorCode, failure.errorCode());
        assertTrue(failure.message().contains(attribute), "Dynamics' reason names the attribute: " + failure.message());
        assertEquals(1, run.failed());
        assertEquals(1, run.writtenToDynamics());
    }

    // ---- R18 ---------------------------------------------------------------------------------------------

    @Test
    void r18_marketoRejectionOfOneRecord_isLogged_andTheOthersSync() {
        Pair bad = world.linkedLead("bad");
        Pair good = world.linkedLead("good");
        int mark = world.mark();
        // Dynamics takes the value, Marketo does not
        world.dynamics.edit(CrmEntity.LEAD, bad.dynamicsId(), "emailaddress1", "not an email", "jobtitle", "Boss");
        world.dynamics.edit(CrmEntity.LEAD, good.dynamicsId(), "companyname", "Accepted");

        CycleRun run = world.sync();

        assertEquals("Accepted", world.marketo.value(good.personId(), "company"));
        assertEquals("bad@example.com", world.marketo.value(bad.personId(), "email"), "Marketo kept its value");
        assertEquals("Manager", world.marketo.value(bad.personId(), "title"), "the whole update of the person was skipped");
        assertEquals("bad@example.com", world.snapshot(bad).get("email"), "the snapshot does not advance (R19)");
        List<ActivityEntry> logged = world.since(mark).stream().filter(e -> e.personId() == bad.personId()).toList();
        ActivityEntry failure = only(logged, "sync-failed");
        assertEquals(1, logged.size(), describe(logged));
        assertEquals("failed", failure.outcome());
        assertEquals("to-marketo", failure.direction());
        assertEquals("update", failure.operation());
        assertEquals("1003", failure.errorCode(), "the first reason's code");
        assertTrue(failure.message().contains("not an email"), failure.message());
        assertTrue(failure.fieldList().containsAll(List.of("email", "title")), failure.fieldList().toString());
        assertEquals(bad.dynamicsId(), failure.dynamicsId());
        assertEquals(1, run.failed());
        assertEquals(1, run.writtenToMarketo());
    }

    /** R18 in creation (R10 step 4): a skipped create is a sync error without a person; the others are created. */
    @Test
    void r18_marketoSkipsOneCreate_theOthersAreCreated() {
        String bad = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "not an email", "lastname", "Bad", "subject", "Web");
        String good = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "ok@example.com", "lastname", "Good", "subject", "Web");

        CycleRun run = world.sync();

        assertEquals(1, world.marketo.idsWhere(CrmFields.ID, good).size());
        assertEquals(List.of(), world.marketo.idsWhere(CrmFields.ID, bad));
        assertNull(world.linkOfRecord(bad));
        ActivityEntry failure = only(world.log.all(), "sync-failed");
        assertNull(failure.personId());
        assertEquals("to-marketo", failure.direction());
        assertEquals("create", failure.operation());
        assertEquals("1003", failure.errorCode());
        assertEquals(bad, failure.dynamicsId());
        assertEquals(1, run.failed());
    }

    // ---- R19 ---------------------------------------------------------------------------------------------

    @Test
    void r19_validationFailure_isLoggedOncePerChange_notOncePerCycle() {
        Pair bad = world.linkedLead("once");
        int mark = world.mark();

        world.marketo.edit(bad.personId(), "lastName", "X".repeat(70));
        world.sync();
        world.sync();
        world.sync();
        assertEquals(List.of("sync-failed"), world.typesSince(mark), "once, however many cycles pass");

        world.marketo.edit(bad.personId(), "lastName", "Y".repeat(70));
        world.sync();
        world.sync();
        assertEquals(List.of("sync-failed", "sync-failed"), world.typesSince(mark), "once more for the new change");

        world.marketo.edit(bad.personId(), "lastName", "Valid");
        world.sync();
        world.sync();
        assertEquals("Valid", world.dynamics.value(CrmEntity.LEAD, bad.dynamicsId(), "lastname"), "retried when it changed again");
        assertEquals("Valid", world.snapshot(bad).get("lastName"));
        assertEquals(List.of("sync-failed", "sync-failed", "updated-in-dynamics"), world.typesSince(mark));
    }

    @Test
    void r19_marketoRejection_isLoggedOncePerChange_notOncePerCycle() {
        Pair bad = world.linkedLead("again");
        int mark = world.mark();

        world.dynamics.edit(CrmEntity.LEAD, bad.dynamicsId(), "emailaddress1", "not an email");
        world.sync();
        world.sync();
        world.sync();
        assertEquals(List.of("sync-failed"), world.typesSince(mark));

        world.dynamics.edit(CrmEntity.LEAD, bad.dynamicsId(), "emailaddress1", "still not");
        world.sync();
        world.sync();
        assertEquals(List.of("sync-failed", "sync-failed"), world.typesSince(mark));

        world.dynamics.edit(CrmEntity.LEAD, bad.dynamicsId(), "emailaddress1", "fixed@example.com");
        world.sync();
        assertEquals("fixed@example.com", world.marketo.value(bad.personId(), "email"));
        assertEquals(List.of("sync-failed", "sync-failed", "updated-in-marketo"), world.typesSince(mark));
    }

    /** R12 + R19: a duplicate-email record is looked at again only when it changes again. */
    @Test
    void r19_duplicateEmail_isLoggedOncePerChangeOfTheRecord() {
        Pair pair = world.linkedLead("dupe");
        String second = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "dupe@example.com", "subject", "Again");
        world.sync();
        world.sync();
        assertEquals(1, world.entriesOfType("sync-failed").size());

        world.dynamics.edit(CrmEntity.LEAD, second, "jobtitle", "Changed");
        world.sync();
        world.sync();

        assertEquals(2, world.entriesOfType("sync-failed").size());
        assertEquals(pair.dynamicsId(), world.linkOf(pair.personId()).dynamicsId());
        assertNull(world.linkOfRecord(second));
    }

    // ---- R6 (the transient counterpart of R19) ------------------------------------------------------------

    /** R6: a throttled write is not a per-record failure: the page rolls back whole and the next cycle redoes it. */
    @Test
    void r06_transientWriteFailure_rollsThePageBack_andTheNextCycleRedoesIt() {
        Pair pair = world.linkedLead("busy");
        int mark = world.mark();
        world.marketo.edit(pair.personId(), "title", "Director");
        world.dynamics.throttleNextWrites(1);

        CycleRun throttled = world.cycle();

        assertEquals(SyncCycle.THROTTLED, throttled.outcome());
        assertEquals("Manager", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "jobtitle"));
        assertEquals("Manager", world.snapshot(pair).get("title"));
        assertEquals(List.of(), world.typesSince(mark), "no per-record error entry");

        world.sync();

        assertEquals("Director", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "jobtitle"), "the page was redone");
        assertEquals(List.of("updated-in-dynamics"), world.typesSince(mark));
    }

    /** R6, R19: one record that keeps failing while its batch goes through blocks neither its page nor the cursor. */
    @Test
    void r19_aPoisonRecordIsLoggedOnceAndTheOthersAndTheCursorGoOn() {
        Pair poison = world.linkedLead("poison");
        Pair healthy = world.linkedLead("healthy");
        world.dynamics.poison(poison.dynamicsId());
        world.marketo.edit(poison.personId(), "title", "Never lands");
        world.marketo.edit(healthy.personId(), "title", "Lands");
        int mark = world.mark();

        world.sync();
        world.sync();

        assertEquals("Lands", world.dynamics.value(CrmEntity.LEAD, healthy.dynamicsId(), "jobtitle"));
        assertEquals("Manager", world.dynamics.value(CrmEntity.LEAD, poison.dynamicsId(), "jobtitle"));
        ActivityEntry failure = only(world.since(mark), "sync-failed"); // two cycles, logged once
        assertEquals(poison.personId(), failure.personId());
        assertEquals(PairSync.KEEPS_FAILING, failure.errorCode());

        world.dynamics.cure(poison.dynamicsId());
        world.marketo.edit(poison.personId(), "title", "Lands at last");
        world.sync();
        assertEquals("Lands at last", world.dynamics.value(CrmEntity.LEAD, poison.dynamicsId(), "jobtitle"),
                "retried when it changed again");
    }

    private static String expand(String value) {
        int star = value.indexOf('*');
        return star < 0 ? value : value.substring(0, star).repeat(Integer.parseInt(value.substring(star + 1)));
    }
}
