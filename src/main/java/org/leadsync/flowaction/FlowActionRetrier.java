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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.db.DatabaseMigration;
import org.leadsync.port.CallPriority;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.port.MarketoPersons;

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

    /** Due calls read per round. */
    private static final int BATCH = 200;

    /** How long one timeout goes on attempting rounds of due calls. */
    private static final Duration ROUNDS_FOR_AT_MOST = Duration.ofMinutes(1);

    /** Marketo takes at most 300 persons per write; at most this many writes per timeout. */
    private static final int MARKETO_BATCH = 300;
    private static final int WRITE_BACK_BATCHES = 10;

    @Resource
    TimerService timerService;

    @Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    /** Background attempts run at once (each holds a connection while it waits on a vendor). */
    @Inject
    @ConfigProperty(name = "leadsync.flow-action.retry-parallel", defaultValue = "16")
    int parallel;

    @Inject
    FlowActionCalls calls;

    @Inject
    SyncPersonAttempts attempts;

    @Inject
    MicrosoftActionAttempts actionAttempts;

    @Inject
    MarketoPersons marketo;

    @Inject
    FlowActionLinks links;

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

    @Inject
    DatabaseMigration database;

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

    /** Never lets an exception escape (docs/architecture.md, server trap 4). */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void retryDue() {
        try {
            if (!database.migrated()) {
                return; // DatabaseMigration logs the reason and retries (docs/architecture.md, Deployment)
            }
            // a campaign's burst queued during an outage is thousands of calls: attempt them `parallel` at a time, round
            // after round, while due calls remain (and for at most a minute, so the write-back below gets its turn)
            Instant until = clock.instant().plus(ROUNDS_FOR_AT_MOST);
            List<FlowActionCall> due;
            while (!stopping && clock.instant().isBefore(until) && !(due = calls.due(clock.instant(), BATCH)).isEmpty()) {
                List<java.util.concurrent.Callable<Void>> round = due.stream().map(call -> (java.util.concurrent.Callable<Void>) () -> {
                    attemptOnce(call);
                    return null;
                }).toList();
                for (int from = 0; from < round.size() && !stopping; from += parallel) {
                    executor.invokeAll(round.subList(from, Math.min(round.size(), from + parallel)));
                }
            }
            writeBack();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "Flow-action retries stopped early; the calls stay pending for the next run", t);
        } finally {
            scheduleIn(interval);
        }
    }

    private void attemptOnce(FlowActionCall due) {
        if (stopping) {
            return;
        }
        Instant started = clock.instant();
        // while this attempt runs, the call is not due anywhere else; a kill leaves it due again after that
        Instant until = started.plus(deadline).plus(interval);
        if (due.syncsPerson()) {
            Optional<SyncPersonRequest> taken = calls.take(due.personId(), started, until);
            taken.ifPresent(request -> attempts.attempt(request, started.plus(deadline), true));
        } else {
            calls.takeCall(due.key(), started, until)
                    .ifPresent(call -> actionAttempts.attempt(call.actionRequest(), call.acceptedAt(), true));
        }
    }

    /**
     * R1: the CRM fields of the persons the calls linked, up to 300 a Marketo call (its batch limit). A person
     * Marketo skips (deleted since) is not tried again; a failed call leaves them for the next run.
     */
    void writeBack() {
        for (int batch = 0; batch < WRITE_BACK_BATCHES && !stopping; batch++) {
            List<FlowActionCall> due = calls.writeBacksDue(MARKETO_BATCH);
            if (due.isEmpty()) {
                return;
            }
            // a link that moved on since (deleted in Dynamics, R14; converted, R16) is told by the cycle instead
            Map<Long, RecordLink> linked = links.byPersons(due.stream().map(FlowActionCall::personId).toList());
            List<FlowActionCall> current = due.stream().filter(call -> stillLinked(call, linked.get(call.personId()))).toList();
            if (!current.isEmpty()) {
                CallPriority.FLOW_ACTION.during(() -> marketo.updatePersons(current.stream().map(FlowActionCall::pendingWriteBack).toList()));
            }
            calls.writtenBack(due);
        }
    }

    private static boolean stillLinked(FlowActionCall call, RecordLink link) {
        return link != null && link.state() == LinkState.ACTIVE && link.dynamicsId().equals(call.writeBackRecord());
    }

    private void scheduleIn(Duration delay) {
        if (!stopping) {
            timerService.createSingleActionTimer(Math.max(1, delay.toMillis()), new TimerConfig("leadsync-flow-action-retries", false));
        }
    }
}
