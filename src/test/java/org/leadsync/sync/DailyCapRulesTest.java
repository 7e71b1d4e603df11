package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadsync.connector.DailyCallCap;
import org.leadsync.port.CallPriority;
import org.leadsync.port.CrmEntity;

/** R21, Daily cap: the sync's work carries its priority, and a spent bulk share stops only the bulk work. */
class DailyCapRulesTest {

    private final SyncWorld world = new SyncWorld();

    @Test
    void theInitialSyncIsBulkWorkAndTheFeedsOfChangesAreIncremental() {
        world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "ann@example.com", "lastname", "Ann", "subject", "s");
        world.sync();
        Map<CallPriority, Integer> initial = world.marketo.callsByPriority();
        assertEquals(1, initial.getOrDefault(CallPriority.BULK, 0), "the initial read's create: " + initial);

        SyncWorld.Pair pair = world.linkedLead("Bo");
        Map<CallPriority, Integer> before = world.marketo.callsByPriority();
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "jobtitle", "Chief");
        world.sync();
        Map<CallPriority, Integer> after = world.marketo.callsByPriority();
        assertEquals(before.getOrDefault(CallPriority.BULK, 0), after.getOrDefault(CallPriority.BULK, 0),
                "a change read from a delta link is not bulk work");
        assertTrue(after.get(CallPriority.INCREMENTAL) > before.get(CallPriority.INCREMENTAL));
        assertEquals("Chief", world.marketo.value(pair.personId(), "title"));
    }

    @Test
    void aSpentBulkShareDefersTheFullReadWhileMarketoChangesStillSync() {
        SyncWorld.Pair pair = world.linkedLead("Cy");
        // bulk work may spend nothing today; incremental work has the whole cap
        world.marketo.spendFrom(new DailyCallCap(100, 1.0, 0.0, Clock.fixed(Instant.parse("2025-03-03T08:00:00Z"), ZoneOffset.UTC)));
        world.marketo.edit(pair.personId(), "title", "Edited in Marketo");
        String newLead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "dee@example.com", "lastname", "Dee", "subject", "s");
        world.dynamics.expireDeltaLinks(); // the leads feed must read the whole table again: bulk work

        CycleRun run = world.sync();
        assertNotNull(run.message(), "the run says the bulk work waits");
        assertTrue(run.message().contains("daily Marketo cap"), run.message());
        assertEquals("Edited in Marketo", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "jobtitle"),
                "the incremental Marketo feed went on");
        assertNull(world.linkOfRecord(newLead), "the full read rolled back and waits for the reset");

        world.marketo.spendFrom(new DailyCallCap(100, 1.0, 1.0, Clock.fixed(Instant.parse("2025-03-04T08:00:00Z"), ZoneOffset.UTC)));
        world.sync();
        assertNotNull(world.linkOfRecord(newLead), "after the reset the full read is done");
    }
}
