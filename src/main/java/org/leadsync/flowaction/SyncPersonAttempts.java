package org.leadsync.flowaction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.port.CallPriority;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;

/**
 * One attempt at an accepted "Sync Person to Microsoft" call, by the webhook's own request or by the
 * background retrier, and what it leaves behind (docs/api.md, Flow action): a known outcome settles the
 * call and lands in the person's activity log; an unknown one (a vendor unavailable, throttled, a concurrent
 * call still busy) keeps the call pending for the next background attempt.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncPersonAttempts {

    private static final Logger LOG = Logger.getLogger(SyncPersonAttempts.class.getName());

    @Inject
    SyncPersonToMicrosoft flowAction;

    @Inject
    FlowActionCalls calls;

    @Inject
    FlowActionLinks flowLinks;

    @Inject
    Clock clock;

    /** The first wait before a background attempt; it doubles with every attempt up to five minutes. */
    @Inject
    @ConfigProperty(name = "leadsync.flow-action.retry-interval", defaultValue = "PT5S")
    Duration retryInterval;

    /**
     * Runs the call once, within `deadline`. `background` attempts log only a known outcome: one entry
     * says the call was queued, one says how it ended, however long the outage in between.
     */
    public SyncPersonResult attempt(SyncPersonRequest request, Instant deadline, boolean background) {
        long personId = request.leadId();
        // R21, Daily cap: a person waits on this call, so its Marketo calls come first
        SyncPersonResult result = CallPriority.FLOW_ACTION.during(() -> run(request, deadline));
        Instant now = clock.instant();
        if (result.outcome() == SyncPersonResult.Outcome.UNAVAILABLE) {
            int attempts = remember(() -> calls.retryLater(personId, result.message(), now, retryInterval), personId);
            if (!background) {
                queued(personId, result.message());
            } else {
                LOG.fine(() -> "Sync Person to Microsoft for person " + personId + " still unavailable after " + attempts + " attempts");
            }
            return result;
        }
        remember(() -> {
            calls.settle(personId, result.outcome().wireName, now);
            return 0;
        }, personId);
        String note = background ? "Finished in the background after the webhook was answered" : null;
        switch (result.outcome()) {
            case CREATED, EXISTS -> log(personId, result.outcome() == SyncPersonResult.Outcome.CREATED ? ActivityOutcome.CREATED
                    : ActivityOutcome.EXISTS, result.entity(), result.dynamicsId(), note);
            case FAILED -> logFailure(personId, result.errors().get(0));
            case PERSON_NOT_FOUND -> log(personId, ActivityOutcome.NOT_FOUND, null, null, result.message());
            default -> throw new IllegalStateException("unexpected outcome " + result.outcome());
        }
        return result;
    }

    private SyncPersonResult run(SyncPersonRequest request, Instant deadline) {
        try {
            return flowAction.sync(request, deadline);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "Sync Person to Microsoft failed for person " + request.leadId() + "; it is tried again", unexpected);
            return SyncPersonResult.unavailable(request.leadId(), "Unexpected failure: " + unexpected.getClass().getSimpleName());
        }
    }

    /** The webhook was answered 202 before the outcome was known (docs/api.md, Flow action). */
    public void queued(long personId, String why) {
        log(personId, ActivityOutcome.QUEUED, null, null, why + "; LeadSync finishes the call in the background");
    }

    /** A call refused before it was accepted (bad body). */
    public void rejected(Long personId, String why) {
        log(personId, ActivityOutcome.REJECTED, null, null, why);
    }

    /** A step on the call's row that fails (its database unreachable) leaves the call pending: it is tried again. */
    private int remember(java.util.function.IntSupplier step, long personId) {
        try {
            return step.getAsInt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the flow-action call of person " + personId + "; it stays pending", e);
            return 0;
        }
    }

    private void log(Long personId, ActivityOutcome outcome, String entity, String dynamicsId, String message) {
        try {
            flowLinks.record(new ActivityEntry(personId, clock.instant(), ActivityType.SYNC_PERSON_TO_MICROSOFT, outcome)
                    .direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.FLOW_ACTION).record(entity, dynamicsId).message(message));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the flow-action activity of person " + personId, e);
        }
    }

    private void logFailure(long personId, SyncPersonResult.FieldError first) {
        try {
            flowLinks.record(new ActivityEntry(personId, clock.instant(), ActivityType.SYNC_PERSON_TO_MICROSOFT, ActivityOutcome.FAILED)
                    .direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.CREATE).record("lead", null)
                    .fields(first.field() == null ? List.of() : List.of(first.field())).error(first.code(), first.message()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the flow-action failure of person " + personId, e);
        }
    }
}
