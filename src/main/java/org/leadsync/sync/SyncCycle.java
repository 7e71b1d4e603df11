package org.leadsync.sync;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.leadsync.port.CallPriority;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.MarketoBudgetSpent;
import org.leadsync.port.DynamicsUnavailable;
import org.leadsync.port.MarketoQuotaExceeded;
import org.leadsync.port.OwnerKind;
import org.leadsync.port.MarketoUnavailable;

/**
 * One background cycle (docs/sync-rules.md R3-R6): the Dynamics feeds (leads, then contacts, so a
 * qualified lead's contact finds the lead's link), then Marketo's. Runs outside any transaction: each
 * page commits on its own together with the cursor it consumed (R6). Between pages it renews the
 * lease (R4) and honours a pause.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncCycle {

    private static final Logger LOG = Logger.getLogger(SyncCycle.class.getName());

    /** The outcome of a cycle whose page could not finish within the vendors' retry budget (docs/sync-rules.md R6). */
    public static final String THROTTLED = "throttled";

    /** Stops a feed that never reports its end from holding the lease forever. */
    private static final int MAX_PAGES_PER_FEED = 100_000;

    @Inject
    CycleHistory history;

    @Inject
    CycleLease lease;

    @Inject
    LeaseHolding holding;

    @Inject
    DynamicsFeedSync dynamicsFeed;

    @Inject
    MarketoFeedSync marketoFeed;

    @Inject
    OwnerFeedSync ownerFeed;

    @Inject
    FieldBackfill backfill;

    @Inject
    ActivityPush activityPush;

    @Inject
    Clock clock;

    /** Runs one cycle and answers its outcome (finished, failed, throttled, stopped-quota, stopped-paused, lost-lease). */
    public String run(String holder) {
        long runId = history.start(holder, clock.instant());
        String outcome = "finished";
        String message = null;
        try {
            marketoFeed.fixStartPosition();
            boolean bulkWaits = !bulkMayStop(() -> CallPriority.BULK.during(
                    () -> backfill.fillNewMappings(counts -> history.add(runId, counts))));
            // R22: owners first, so the sales persons exist when this cycle's persons link to them
            for (OwnerKind kind : OwnerKind.values()) {
                bulkWaits |= !bulkMayStop(() -> drain(runId, holder, () -> ownerFeed.syncNextPage(kind)));
            }
            for (CrmEntity entity : CrmEntity.values()) {
                bulkWaits |= !bulkMayStop(() -> drain(runId, holder, () -> dynamicsFeed.syncNextPage(entity)));
            }
            drain(runId, holder, marketoFeed::syncNextPage);
            if (bulkWaits) {
                message = "LeadSync's daily Marketo cap for bulk work is spent: the initial sync or fill goes on after its reset";
            }
        } catch (Stop stop) {
            outcome = stop.outcome;
            message = stop.getMessage();
        } catch (RuntimeException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof MarketoQuotaExceeded) {
                // R21: no retry storm; the cursors stay where they are until the quota resets.
                outcome = QuotaHold.STOPPED_QUOTA;
                message = cause.getMessage();
                LOG.warning("Marketo's daily API quota is used up; syncing resumes when it resets: " + message);
            } else if (cause instanceof LeaseLost) {
                outcome = "lost-lease";
                message = cause.getMessage();
                LOG.warning("The cycle lost its lease; the page in flight rolled back: " + message);
            } else if (cause instanceof MarketoUnavailable || cause instanceof DynamicsUnavailable
                    || cause instanceof RetryNextCycle) {
                // R6, R21: the retry budget ran out; the page rolled back whole and the next cycle resumes it
                outcome = THROTTLED;
                message = cause.getMessage();
                LOG.warning("A vendor stayed unavailable or throttled past the retry budget; the next cycle resumes: " + message);
            } else {
                outcome = "failed";
                message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                LOG.log(Level.WARNING, "Sync cycle failed; the next one resumes from the last committed cursors", cause);
            }
        }
        try {
            if (!"stopped-quota".equals(outcome)) { // R21: no Marketo call until the quota resets
                activityPush.pushPending();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Activity entries could not be pushed to Marketo; they stay queued", unwrap(e));
        }
        history.finish(runId, outcome, message, clock.instant());
        return outcome;
    }

    /**
     * R21, Daily cap: when the cap's part for bulk work is spent, the page in flight rolls back and that feed (or
     * the fill) waits for the reset, while the incremental work of the cycle goes on. Answers false then.
     */
    private boolean bulkMayStop(Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            if (unwrap(e) instanceof MarketoBudgetSpent spent && spent.priority() == CallPriority.BULK) {
                LOG.info("Bulk work waits for the daily Marketo cap's reset: " + spent.getMessage());
                return false;
            }
            throw e;
        }
    }

    private void drain(long runId, String holder, java.util.function.Supplier<PageResult> nextPage) {
        for (int pages = 0; pages < MAX_PAGES_PER_FEED; pages++) {
            PageResult page = nextPage.get();
            history.add(runId, page.counts());
            if (page.last()) {
                return;
            }
            checkStillOurs(holder);
        }
    }

    private void checkStillOurs(String holder) {
        if (holding.stopping()) {
            throw new Stop(CycleHistory.INTERRUPTED, "The server is stopping; cursors stay where they are");
        }
        if (holding.lost() || !lease.renew(holder, clock.instant())) {
            throw new Stop("lost-lease", "Another instance took the cycle lease");
        }
        if (lease.current().paused()) {
            throw new Stop("stopped-paused", "Paused by an admin; cursors stay where they are");
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while (cause instanceof EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Ends the cycle early, in good order. */
    private static final class Stop extends RuntimeException {
        private final String outcome;

        Stop(String outcome, String message) {
            super(message);
            this.outcome = outcome;
        }
    }
}
