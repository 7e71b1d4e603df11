package org.leadsync.flowaction;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finishes accepted flow-action calls whose outcome the webhook did not wait for (docs/api.md, Flow action:
 * durable accept): a non-persistent timer on every instance takes the due calls one by one (a row lock, so two
 * instances never attempt one call at once) and attempts each again. The calls live in the database, so a
 * restart loses none; nothing ever gives up on a call.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class FlowActionRetrier {

    private static final Logger LOG = Logger.getLogger(FlowActionRetrier.class.getName());

    /** Calls taken per timeout; the rest wait for the next one. */
    private static final int BATCH = 20;

    @Resource
    TimerService timerService;

    @Inject
    FlowActionCalls calls;

    @Inject
    SyncPersonAttempts attempts;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "leadsync.flow-action.retry-interval", defaultValue = "PT5S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "leadsync.flow-action.deadline", defaultValue = "PT25S")
    Duration deadline;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox-only", defaultValue = "false")
    boolean sandboxOnly;

    private volatile boolean stopping;

    @PostConstruct
    void start() {
        if (!sandboxOnly) {
            scheduleIn(interval);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /** Never lets an exception escape (a timeout that throws twice is expunged). */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void retryDue() {
        try {
            Instant now = clock.instant();
            for (FlowActionCall due : calls.due(now, BATCH)) {
                if (stopping) {
                    return;
                }
                Instant started = clock.instant();
                // while this attempt runs, the call is not due anywhere else; a kill leaves it due again after that
                Optional<SyncPersonRequest> taken = calls.take(due.personId(), started, started.plus(deadline).plus(interval));
                taken.ifPresent(request -> attempts.attempt(request, started.plus(deadline), true));
            }
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "Flow-action retries stopped early; the calls stay pending for the next run", t);
        } finally {
            scheduleIn(interval);
        }
    }

    private void scheduleIn(Duration delay) {
        if (!stopping) {
            timerService.createSingleActionTimer(Math.max(1, delay.toMillis()), new TimerConfig("leadsync-flow-action-retries", false));
        }
    }
}
