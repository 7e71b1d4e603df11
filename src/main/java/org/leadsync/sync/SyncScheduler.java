package org.leadsync.sync;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.connector.SelfAddress;
import org.leadsync.db.DatabaseMigration;

/**
 * R3/R4: a non-persistent timer on every instance asks for the database lease; the holder runs
 * one cycle, and the next starts `leadsync.sync.interval` after it ends. Non-persistent because
 * persistent timers pile up on restart and do not fail over (docs/architecture.md, server traps 2 and 3).
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SyncScheduler {

    private static final Logger LOG = Logger.getLogger(SyncScheduler.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "leadsync.sync.interval", defaultValue = "PT5M")
    Duration interval;

    @Inject
    @ConfigProperty(name = "leadsync.sync.first-delay", defaultValue = "PT20S")
    Duration firstDelay;

    /** R21: after Marketo's daily quota ran out, how long to wait before trying again (at most until UTC midnight). */
    @Inject
    @ConfigProperty(name = "leadsync.sync.quota-hold", defaultValue = "PT1H")
    Duration quotaHold;

    @Inject
    @ConfigProperty(name = "leadsync.sync.lease", defaultValue = "PT2M")
    Duration leaseDuration;

    @Inject
    CycleLease lease;

    @Inject
    LeaseHolding holding;

    @Inject
    CycleHistory history;

    @Resource
    ManagedScheduledExecutorService heartbeats;

    @Inject
    SyncCycle cycle;

    @Inject
    SelfAddress self;

    /** No cycle before the schema is migrated: a database missing at start-up is awaited, not fought. */
    @Inject
    DatabaseMigration database;

    private volatile boolean toldUnknownAddress;

    @Inject
    Clock clock;

    /** How long a stopping server waits for the running cycle to end its page. */
    private static final long STOP_WAIT_SECONDS = 10;

    private final ReentrantLock cycleRunning = new ReentrantLock();

    /** A sandbox-only process (docs/sandbox.md) runs no cycle: it stands in for the vendors of another one. */
    @Inject
    @ConfigProperty(name = "leadsync.sandbox-only", defaultValue = "false")
    boolean sandboxOnly;

    @PostConstruct
    void start() {
        if (sandboxOnly) {
            LOG.info("leadsync.sandbox-only is set: this process serves /sandbox only and runs no sync cycle");
            return;
        }
        scheduleIn(firstDelay);
    }

    /**
     * Clean stop (undeploy, SIGTERM): the running cycle stops after its page and gives the lease back; the
     * wait is bounded so the server's own stop is never held up for long (docs/sync-rules.md R4).
     */
    @PreDestroy
    void stop() {
        holding.stop();
        try {
            if (cycleRunning.tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                cycleRunning.unlock();
            } else {
                LOG.warning("The running cycle did not end its page within " + STOP_WAIT_SECONDS
                        + " s; its transaction rolls back with the server");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Never lets an exception escape: a timeout that throws twice is expunged (docs/architecture.md, server trap 4). */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout(Timer timer) {
        Duration next = interval;
        try {
            next = QuotaHold.nextDelay(runIfLeaseHolder(), interval, quotaHold, clock.instant());
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "Sync cycle aborted; the next one resumes from the last committed cursors", t);
        } finally {
            scheduleIn(next);
        }
    }

    /** The cycle's outcome, or null when another instance holds the lease or the server is stopping. */
    private String runIfLeaseHolder() {
        if (!database.migrated()) {
            return null; // DatabaseMigration logs the reason and retries (docs/architecture.md, Deployment)
        }
        Optional<String> unreachable = self.unknown();
        if (unreachable.isPresent()) {
            // docs/sandbox.md: the app's own address is configured or learnt, never guessed; no cycle until then
            if (!toldUnknownAddress) {
                LOG.warning(unreachable.get() + "; no sync cycle starts until then");
                toldUnknownAddress = true;
            }
            return null;
        }
        String holder = holding.instanceId();
        cycleRunning.lock();
        try {
            if (holding.stopping() || !lease.tryAcquire(holder, clock.instant())) {
                return null;
            }
            holding.hold(lease.current().epoch());
            // R4: renewed on its own schedule, however long a page takes; a failed renewal stops the cycle
            Duration beat = leaseDuration.dividedBy(3);
            ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> renew(holder), beat.toMillis(),
                    beat.toMillis(), TimeUnit.MILLISECONDS);
            try {
                int closed = history.closeInterrupted(clock.instant());
                if (closed > 0) {
                    LOG.info(() -> closed + " cycle run(s) left running by an earlier holder closed as interrupted");
                }
                return cycle.run(holder);
            } finally {
                heartbeat.cancel(false);
                holding.release();
                lease.release(holder);
            }
        } finally {
            cycleRunning.unlock();
        }
    }

    private void renew(String holder) {
        try {
            if (!lease.renew(holder, clock.instant())) {
                holding.lose();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not renew the cycle lease; the cycle stops if it expires", e);
        }
    }

    private void scheduleIn(Duration delay) {
        if (holding.stopping()) {
            return;
        }
        TimerConfig config = new TimerConfig("leadsync-sync-cycle", false);
        timerService.createSingleActionTimer(Math.max(1, delay.toMillis()), config);
    }

    public Duration interval() {
        return interval;
    }

    /** When the next cycle is due; empty while none is scheduled or the timer is firing right now. */
    public Optional<Instant> nextCycleAt() {
        try {
            return timerService.getTimers().stream()
                    .map(t -> t.getNextTimeout().toInstant())
                    .min(Instant::compareTo);
        } catch (RuntimeException firingOrCancelled) {
            return Optional.empty(); // a timer that is running or just expired has no next timeout
        }
    }
}
