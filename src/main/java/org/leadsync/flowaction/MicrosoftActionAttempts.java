package org.leadsync.flowaction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CallPriority;
import org.leadsync.port.DynamicsException;
import org.leadsync.port.DynamicsNotFound;
import org.leadsync.port.DynamicsValidationFailed;

/**
 * One attempt at an accepted call of another flow action (docs/api.md, Other flow actions), by the webhook's
 * own request or by the background retrier, on the same machinery as Sync Person to Microsoft: a known outcome
 * settles the call and lands in the person's activity log; Dynamics unreachable keeps it pending.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MicrosoftActionAttempts {

    private static final Logger LOG = Logger.getLogger(MicrosoftActionAttempts.class.getName());

    @Inject
    ChangeOwnerInMicrosoft changeOwner;

    @Inject
    CreateTaskInMicrosoft createTask;

    @Inject
    MicrosoftCampaignMembership campaigns;

    @Inject
    FlowActionCalls calls;

    @Inject
    FlowActionLinks flowLinks;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "leadsync.flow-action.retry-interval", defaultValue = "PT5S")
    Duration retryInterval;

    /** Runs the call accepted at `acceptedAt` once; `background` attempts log only a known outcome. */
    public ActionResult attempt(ActionRequest request, Instant acceptedAt, boolean background) {
        FlowActionCall.Key key = new FlowActionCall.Key(request.callKey(), request.leadId());
        // docs/sync-rules.md R21: a person waits on this call, so its vendor calls come first
        ActionResult result = CallPriority.FLOW_ACTION.during(() -> run(request, acceptedAt));
        Instant now = clock.instant();
        if (result.outcome() == ActionResult.Outcome.UNAVAILABLE) {
            remember(() -> calls.retryLater(key, result.message(), now, retryInterval), request);
            if (!background) {
                queued(request, result.message());
            }
            return result;
        }
        remember(() -> {
            calls.settle(key, result.outcome() == ActionResult.Outcome.DONE ? result.done()
                    : result.outcome() == ActionResult.Outcome.FAILED ? "failed" : "not-synced", now);
            return 0;
        }, request);
        log(request, result, background);
        return result;
    }

    private ActionResult run(ActionRequest request, Instant acceptedAt) {
        long personId = request.leadId();
        try {
            Optional<RecordLink> link = flowLinks.byPerson(personId).filter(l -> l.state() != LinkState.DELETED_IN_DYNAMICS);
            if (link.isEmpty()) {
                return ActionResult.notSynced(personId);
            }
            if (request instanceof ChangeOwnerRequest r) {
                return changeOwner.run(r, link.get());
            }
            if (request instanceof CreateTaskRequest r) {
                return createTask.run(r, link.get(), acceptedAt);
            }
            return campaigns.run((CampaignRequest) request, link.get());
        } catch (DynamicsValidationFailed refused) {
            return ActionResult.failed(personId, refused.attribute(), refused.code(), refused.getMessage());
        } catch (DynamicsNotFound gone) {
            return ActionResult.failed(personId, null, "not-found", gone.getMessage());
        } catch (DynamicsException unreachable) {
            return ActionResult.unavailable(personId, unreachable.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, request.action().path() + " failed for person " + personId + "; it is tried again", unexpected);
            return ActionResult.unavailable(personId, "Unexpected failure: " + unexpected.getClass().getSimpleName());
        }
    }

    /** The webhook was answered 202 before the outcome was known. */
    public void queued(ActionRequest request, String why) {
        record(new ActivityEntry(request.leadId(), clock.instant(), request.action().activity(), ActivityOutcome.QUEUED)
                .message(why + "; LeadSync finishes the call in the background"));
    }

    /** A call refused before it was accepted (bad body). */
    public void rejected(MicrosoftAction action, Long personId, String why) {
        record(new ActivityEntry(personId, clock.instant(), action.activity(), ActivityOutcome.REJECTED).message(why));
    }

    private void log(ActionRequest request, ActionResult result, boolean background) {
        ActivityOutcome outcome = switch (result.outcome()) {
            case DONE -> switch (result.done()) {
                case "assigned" -> ActivityOutcome.ASSIGNED;
                case "created" -> ActivityOutcome.CREATED;
                case "added" -> ActivityOutcome.ADDED;
                default -> ActivityOutcome.REMOVED;
            };
            case FAILED -> ActivityOutcome.FAILED;
            case NOT_SYNCED -> ActivityOutcome.NOT_SYNCED;
            case UNAVAILABLE -> ActivityOutcome.UNAVAILABLE;
        };
        ActivityEntry entry = new ActivityEntry(request.leadId(), clock.instant(), request.action().activity(), outcome)
                .direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.FLOW_ACTION)
                .message(background ? result.message() + " (finished in the background after the webhook was answered)" : result.message());
        Object entity = result.details().get("entity");
        Object id = result.details().get("dynamicsId");
        if (entity != null) {
            entry.record(entity.toString(), id == null ? null : id.toString());
        }
        if (result.error() != null) {
            entry.fields(result.error().field() == null ? List.of() : List.of(result.error().field()))
                    .error(result.error().code(), result.error().message());
        }
        record(entry);
    }

    private void record(ActivityEntry entry) {
        try {
            flowLinks.record(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the flow-action activity of person " + entry.personId(), e);
        }
    }

    /** A step on the call's row that fails (its database unreachable) leaves the call pending: it is tried again. */
    private void remember(java.util.function.IntSupplier step, ActionRequest request) {
        try {
            step.getAsInt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the " + request.action().path() + " call of person " + request.leadId()
                    + "; it stays pending", e);
        }
    }
}
