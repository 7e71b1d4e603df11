package org.leadsync.api;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.flowaction.FlowActionLinks;
import org.leadsync.flowaction.SyncPersonRequest;
import org.leadsync.flowaction.SyncPersonResult;
import org.leadsync.flowaction.SyncPersonToMicrosoft;

/**
 * The webhook a Marketo smart campaign calls (docs/api.md, Flow action; rule R15). Marketo waits at most
 * 30 s, so the work runs under a deadline (`leadsync.flow-action.deadline`, PT25S) and a call that
 * cannot finish answers 503 with Retry-After. Every call leaves an activity entry.
 */
@Path("flow-actions")
public class FlowActionResource {

    private static final Logger LOG = Logger.getLogger(FlowActionResource.class.getName());
    private static final String RETRY_AFTER_SECONDS = "30";

    @Inject
    SyncPersonToMicrosoft flowAction;

    @Inject
    FlowActionLinks flowLinks;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "leadsync.flow-action.deadline", defaultValue = "PT25S")
    Duration deadline;

    @POST
    @Path("sync-person-to-microsoft")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "webhookKey")
    @Operation(summary = "Sync Person to Microsoft: create the person's Dynamics lead if it has none (R15)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "lead",
            value = "{\"leadId\": 1234, \"syncAs\": \"lead\", \"assignTo\": \"9f3c5a2e-0c1d-4e7b-9a57-3f1c2d4b5e6f\"}")))
    @APIResponse(responseCode = "201", description = "created", content = @Content(examples = @ExampleObject(name = "created",
            value = "{\"leadId\":1234,\"outcome\":\"created\",\"entity\":\"lead\",\"dynamicsId\":\"7eb682f1-ca75-e511-80d4-00155d2a68d1\"}")))
    @APIResponse(responseCode = "200", description = "already there")
    @APIResponse(responseCode = "422", description = "Dynamics validation failed")
    @APIResponse(responseCode = "404", description = "no such person")
    @APIResponse(responseCode = "400", description = "bad body")
    @APIResponse(responseCode = "503", description = "Dynamics or Marketo unavailable; see Retry-After")
    public Response syncPersonToMicrosoft(JsonValue body) {
        Long personId = SyncPersonBody.leadIdIfAny(body);
        SyncPersonRequest request;
        try {
            request = SyncPersonBody.from(body);
        } catch (WebApplicationException refused) {
            log(personId, ActivityOutcome.REJECTED, null, null, refused.getMessage());
            throw refused;
        }
        Instant until = clock.instant().plus(deadline).minusSeconds(1);
        Future<SyncPersonResult> work = executor.submit(() -> flowAction.sync(request, until));
        try {
            SyncPersonResult result = work.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return switch (result.outcome()) {
                case CREATED, EXISTS -> {
                    log(request.leadId(), result.outcome() == SyncPersonResult.Outcome.CREATED ? ActivityOutcome.CREATED
                            : ActivityOutcome.EXISTS, result.entity(), result.dynamicsId(), null);
                    yield answer(result.outcome() == SyncPersonResult.Outcome.CREATED ? 201 : 200, result.body());
                }
                case FAILED -> {
                    SyncPersonResult.FieldError first = result.errors().get(0);
                    logFailure(request.leadId(), first.field(), first.code(), first.message());
                    yield answer(422, result.body());
                }
                case PERSON_NOT_FOUND -> {
                    log(request.leadId(), ActivityOutcome.NOT_FOUND, null, null, result.message());
                    yield answer(404, ApiError.of("person-not-found", result.message()));
                }
                case UNAVAILABLE -> unavailable(request.leadId(), result.message());
            };
        } catch (TimeoutException slow) {
            work.cancel(true); // an interrupted call stops retrying: no write after the answer (docs/api.md, Flow action)
            return unavailable(request.leadId(), "LeadSync could not finish within " + deadline.toSeconds()
                    + " s; the lead may still be created. Call again later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(request.leadId(), "Interrupted while creating the person's record");
        } catch (ExecutionException failed) {
            Throwable cause = unwrap(failed);
            LOG.log(Level.SEVERE, "Sync Person to Microsoft failed for person " + request.leadId(), cause);
            log(request.leadId(), ActivityOutcome.FAILED, null, null, "Unexpected failure: " + cause.getClass().getSimpleName());
            throw new WebApplicationException(500);
        }
    }

    private static Response answer(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private Response unavailable(long personId, String message) {
        log(personId, ActivityOutcome.UNAVAILABLE, null, null, message);
        return Response.status(503).header("Retry-After", RETRY_AFTER_SECONDS).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("unavailable", message)).build();
    }

    private void log(Long personId, ActivityOutcome outcome, String entity, String dynamicsId, String message) {
        try {
            flowLinks.record(new ActivityEntry(personId, clock.instant(), ActivityType.SYNC_PERSON_TO_MICROSOFT, outcome)
                    .direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.FLOW_ACTION).record(entity, dynamicsId).message(message));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the flow-action activity of person " + personId, e);
        }
    }

    private void logFailure(long personId, String attribute, String code, String message) {
        flowLinks.record(new ActivityEntry(personId, clock.instant(), ActivityType.SYNC_PERSON_TO_MICROSOFT, ActivityOutcome.FAILED).direction(ActivityDirection.TO_DYNAMICS)
                .operation(ActivityOperation.CREATE).record("lead", null)
                .fields(attribute == null ? java.util.List.of() : java.util.List.of(attribute)).error(code, message));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof EJBException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
