package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadsync.sync.SyncWorld.only;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;

/** docs/sync-rules.md R10, Bulk creation: the initial sync creates persons by Bulk Lead Import above a threshold. */
class BulkCreationRulesTest {

    private final SyncWorld world = new SyncWorld();

    @BeforeEach
    void bulkOn() {
        world.census.censusSince = Optional.of("2025-01-01");
        world.creation.bulkThreshold = 3;
    }

    private String lead(String email, String lastName) {
        return email == null
                ? world.dynamics.insert(CrmEntity.LEAD, "lastname", lastName, "subject", "Web")
                : world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", email, "lastname", lastName, "subject", "Web");
    }

    @Test
    void initialSync_newEmailsByOneImport_linkedByOneExtract_failuresFromTheFailuresFileInTheLog() {
        long existing = world.marketo.addPerson("email", "known@example.com", "lastName", "Keep");
        String a = lead("a@example.com", "Alpha");
        String b = lead("b@example.com", "Beta");
        String c = lead("c@example.com", "Gamma");
        String bad = lead("not-an-email", "Bad");
        String noEmail = lead(null, "Nomail");
        String known = lead("KNOWN@example.com", "Other");

        world.sync();

        assertEquals(1, world.marketo.bulkImports(), "one import job for the four records with an email no person has");
        assertEquals(2, world.marketo.bulkReads(), "the census, then one extract of the persons the import changed");
        assertEquals(1, world.marketo.restCreates(), "the record without email and the known email go the REST way");
        for (String id : List.of(a, b, c)) {
            long person = single(world.marketo.idsWhere(CrmFields.ID, id));
            assertEquals(id, world.linkOf(person).dynamicsId());
            ActivityEntry created = only(world.entries(person), "created-in-marketo");
            assertTrue(created.message().contains("Bulk Lead Import"), created.message());
        }
        assertEquals("Lead", world.marketo.value(single(world.marketo.idsWhere(CrmFields.ID, a)), CrmFields.TYPE));
        ActivityEntry refused = only(world.entriesOfType("sync-failed").stream()
                .filter(e -> bad.equals(e.dynamicsId())).toList(), "sync-failed");
        assertEquals(PersonCreation.BULK_IMPORT_FAILED, refused.errorCode());
        assertTrue(refused.message().contains("Invalid email"), "the failures file's reason: " + refused.message());
        assertEquals("create", refused.operation());
        assertEquals(noEmail, world.linkOf(single(world.marketo.idsWhere(CrmFields.ID, noEmail))).dynamicsId());
        assertEquals(known, world.linkOf(existing).dynamicsId(), "the person with the email is linked (1005, R10 step 4)");
        assertEquals("Keep", world.marketo.value(existing, "lastName"),
                "never overwritten by an import: R9 merged it, Marketo winning the collision for a lead (R8)");
        assertEquals(5, world.marketo.personCount(), "a, b, c, the one without email, the known one: no duplicate");
    }

    @Test
    void belowTheThreshold_orOutsideAFullRead_theRestWay() {
        lead("a@example.com", "Alpha");
        lead("b@example.com", "Beta");
        world.sync();
        assertEquals(0, world.marketo.bulkImports(), "two records are below the threshold of three");

        for (int i = 0; i < 5; i++) {
            lead("later" + i + "@example.com", "Later");
        }
        world.sync(); // read from the delta link: incremental work, never bulk (R21 priorities)
        assertEquals(0, world.marketo.bulkImports());
        assertEquals(7, world.marketo.personCount());
    }

    @Test
    void aPersonCreatedByAnEarlierPage_isKnownToTheCensus_soASecondRecordWithItsEmailIsNotImportedOverIt() {
        world.dynamics.pageSize(4);
        String first = lead("same@example.com", "First");
        for (int i = 1; i <= 3; i++) {
            lead("x" + i + "@example.com", "X");
        }
        String second = lead("same@example.com", "Second");
        for (int i = 4; i <= 6; i++) {
            lead("x" + i + "@example.com", "X");
        }

        world.sync();

        assertEquals(2, world.marketo.bulkImports(), "one import per page, the second without the known email");
        assertEquals(7, world.marketo.personCount(), "same, x1 to x6");
        long person = single(world.marketo.idsWhere("email", "same@example.com"));
        assertEquals(first, world.marketo.value(person, CrmFields.ID), "the second record did not take over the person");
        assertEquals("First", world.marketo.value(person, "lastName"));
        ActivityEntry duplicate = only(world.entriesOfType("sync-failed").stream()
                .filter(e -> second.equals(e.dynamicsId())).toList(), "sync-failed");
        assertEquals("duplicate-email", duplicate.errorCode(), "R12 for the second record");
    }

    /** R6 + R10: the import ran, the page was killed before its commit; the redone page creates nobody twice. */
    @Test
    void aKilledPageAfterItsImport_isRedoneWithoutASecondPerson() {
        String a = lead("a@example.com", "Alpha");
        String b = lead("b@example.com", "Beta");
        String c = lead("c@example.com", "Gamma");
        world.crashBeforeNextCommit();

        assertEquals("failed", world.cycle().outcome());
        assertEquals(3, world.marketo.personCount(), "the import happened before the kill");
        assertEquals(List.of(), world.links.all());

        world.sync();

        assertEquals(3, world.marketo.personCount(), "no person twice");
        assertEquals(1, world.marketo.bulkImports(), "the creation intents made the redo look the three up by msftId");
        for (String id : List.of(a, b, c)) {
            assertEquals(id, world.linkOf(single(world.marketo.idsWhere(CrmFields.ID, id))).dynamicsId());
        }
    }

    private static long single(List<Long> ids) {
        assertEquals(1, ids.size(), ids.toString());
        return ids.get(0);
    }
}
