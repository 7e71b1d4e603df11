package org.leadsync.sync;

import jakarta.annotation.PostConstruct;
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
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * R3/R4: a non-persistent timer on every instance asks for the database lease; the holder runs
 * one cycle, and the next starts `leadsync.sync.interval` after it ends. Non-persistent because
 * persistent timers pile up on restart and do not fail over (stack-notes 5, 6).
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
    CycleLease lease;

    @Inject
    SyncCycle cycle;

    @Inject
    Clock clock;

    private final String instanceId = hostName() + "/" + UUID.randomUUID();

    @PostConstruct
    void start() {
        scheduleIn(firstDelay);
    }

    /** Never lets an exception escape: a timeout that throws twice is expunged (stack-notes 4). */
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

    /** The cycle's outcome, or null when another instance holds the lease. */
    private String runIfLeaseHolder() {
        if (!lease.tryAcquire(instanceId, clock.instant())) {
            return null;
        }
        try {
            return cycle.run(instanceId);
        } finally {
            lease.release(instanceId);
        }
    }

    private void scheduleIn(Duration delay) {
        TimerConfig config = new TimerConfig("leadsync-sync-cycle", false);
        timerService.createSingleActionTimer(Math.max(1, delay.toMillis()), config);
    }

    public Duration interval() {
        return interval;
    }

    public Optional<Instant> nextCycleAt() {
        return timerService.getTimers().stream()
                .map(t -> t.getNextTimeout().toInstant())
                .min(Instant::compareTo);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
