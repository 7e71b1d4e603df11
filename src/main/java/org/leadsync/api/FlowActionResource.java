package org.leadsync.api;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
import jakarta.ws.rs.PathParam;
import org.leadsync.flowaction.ActionRequest;
import org.leadsync.flowaction.ActionResult;
import org.leadsync.flowaction.FlowActionCalls;
import org.leadsync.flowaction.MicrosoftAction;
import org.leadsync.flowaction.MicrosoftActionAttempts;
import org.leadsync.flowaction.SyncPersonAttempts;
import org.leadsync.flowaction.SyncPersonRequest;
import org.leadsync.flowaction.SyncPersonResult;
import org.leadsync.flowaction.WebhookTemplate;
import org.leadsync.port.CrmEntity;

/**
 * The webhook a Marketo smart campaign calls (docs/api.md, Flow action; rule R15). Marketo never retries a
 * webhook, so every call is recorded before any vendor call (durable accept) and then attempted under a
 * deadline (`leadsync.flow-action.deadline`, PT25S; Marketo waits at most 30 s): a known outcome is answered
 * as such, an unknown one 202 `queued`, finished in the background. 503 only when the call could not be
 * recorded (LeadSync's database unreachable).
 */
@Path("flow-actions")
public class FlowActionResource {

    private static final Logger LOG = Logger.getLogger(FlowActionResource.class.getName());
    private static final String RETRY_AFTER_SECONDS = "30";

    @Inject
    SyncPersonAttempts attempts;

    @Inject
    MicrosoftActionAttempts actionAttempts;

    @Inject
    FlowActionCalls calls;

    @Inject
    WebhookTemplate template;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "leadsync.flow-action.deadline", defaultValue = "PT25S")
    Duration deadline;

    @Inject
    @ConfigProperty(name = "leadsync.flow-action.retry-interval", defaultValue = "PT5S")
    Duration retryInterval;

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
    @APIResponse(responseCode = "202", description = "accepted, outcome not known yet: finished in the background",
            content = @Content(examples = @ExampleObject(name = "queued", value = "{\"leadId\":1234,\"outcome\":\"queued\"}")))
    @APIResponse(responseCode = "422", description = "Dynamics validation failed")
    @APIResponse(responseCode = "404", description = "no such person")
    @APIResponse(responseCode = "400", description = "bad body")
    @APIResponse(responseCode = "503", description = "LeadSync's database unavailable: the call was not accepted; see Retry-After")
    public Response syncPersonToMicrosoft(JsonValue body) {
        Long personId = SyncPersonBody.leadIdIfAny(body);
        SyncPersonRequest request;
        try {
            request = SyncPersonBody.from(body);
        } catch (WebApplicationException refused) {
            attempts.rejected(personId, refused.getMessage());
            throw refused;
        }
        Instant now = clock.instant();
        if (!accepted(request, now)) {
            return Response.status(503).header("Retry-After", RETRY_AFTER_SECONDS).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("unavailable", "LeadSync could not record the call (its database is unreachable); call again later"))
                    .build();
        }
        Instant until = now.plus(deadline).minusSeconds(1);
        Future<SyncPersonResult> work = executor.submit(() -> attempts.attempt(request, until, false));
        try {
            SyncPersonResult result = work.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return switch (result.outcome()) {
                case CREATED -> answer(201, result.body());
                case EXISTS -> answer(200, result.body());
                case FAILED -> answer(422, result.body());
                case PERSON_NOT_FOUND -> answer(404, ApiError.of("person-not-found", result.message()));
                case UNAVAILABLE -> queued(request.leadId());
            };
        } catch (TimeoutException slow) {
            // the attempt goes on and settles the call itself; if this process dies, the retrier takes over
            attempts.queued(request.leadId(), "LeadSync could not finish within " + deadline.toSeconds() + " s");
            return queued(request.leadId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return queued(request.leadId());
        } catch (ExecutionException failed) {
            LOG.log(Level.SEVERE, "Sync Person to Microsoft attempt failed for person " + request.leadId() + "; it is tried again",
                    failed.getCause());
            return queued(request.leadId());
        }
    }

    @GET
    @Path("sync-person-to-microsoft/template")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The Marketo webhook set-up for Sync Person to Microsoft, from the current field mappings (HTTP Basic)")
    public Map<String, Object> syncPersonTemplate(@QueryParam("syncAs") String syncAs) {
        if (syncAs != null && !syncAs.equals("lead") && !syncAs.equals("contact")) {
            throw ApiProblem.badRequest("syncAs", "syncAs must be \"lead\" or \"contact\"");
        }
        return template.syncPersonToMicrosoft(syncAs == null ? CrmEntity.LEAD : CrmEntity.fromLogicalName(syncAs));
    }

    @POST
    @Path("change-owner-in-microsoft")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "webhookKey")
    @Operation(summary = "Change Owner in Microsoft: assign the person's lead or contact to a user or team, by id or email")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "owner", value = "{\"leadId\": 1234, \"owner\": \"west@contoso.example\"}")))
    @APIResponse(responseCode = "200", description = "assigned")
    @APIResponse(responseCode = "202", description = "accepted, outcome not known yet: finished in the background")
    @APIResponse(responseCode = "404", description = "the person has no Dynamics record (person-not-synced)")
    @APIResponse(responseCode = "422", description = "no such owner, or Dynamics refused")
    public Response changeOwnerInMicrosoft(JsonValue body) {
        return microsoftAction(MicrosoftAction.CHANGE_OWNER, body);
    }

    @POST
    @Path("create-task-in-microsoft")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "webhookKey")
    @Operation(summary = "Create Task in Microsoft: a Dynamics task regarding the person's lead or contact")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "task", value = "{\"leadId\": 1234, \"subject\": \"Call back\", "
            + "\"owner\": \"west@contoso.example\", \"priority\": \"high\", \"dueInDays\": 5, \"comments\": \"Asked for a demo\"}")))
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "202", description = "accepted, outcome not known yet: finished in the background")
    @APIResponse(responseCode = "404", description = "the person has no Dynamics record (person-not-synced)")
    @APIResponse(responseCode = "422", description = "no such owner, or Dynamics refused")
    public Response createTaskInMicrosoft(JsonValue body) {
        return microsoftAction(MicrosoftAction.CREATE_TASK, body);
    }

    @POST
    @Path("add-to-microsoft-campaign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "webhookKey")
    @Operation(summary = "Add to Microsoft Campaign: the person's lead or contact joins a marketing list (AddMemberList)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "campaign", value = "{\"leadId\": 1234, \"campaign\": \"Webinar attendees\"}")))
    @APIResponse(responseCode = "200", description = "added")
    @APIResponse(responseCode = "202", description = "accepted, outcome not known yet: finished in the background")
    @APIResponse(responseCode = "404", description = "the person has no Dynamics record (person-not-synced)")
    @APIResponse(responseCode = "422", description = "no such list, a list of the other record type, or Dynamics refused")
    public Response addToMicrosoftCampaign(JsonValue body) {
        return microsoftAction(MicrosoftAction.ADD_TO_CAMPAIGN, body);
    }

    @POST
    @Path("remove-from-microsoft-campaign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "webhookKey")
    @Operation(summary = "Remove from Microsoft Campaign: the person's lead or contact leaves a marketing list (RemoveMemberList)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "campaign", value = "{\"leadId\": 1234, \"campaign\": \"Webinar attendees\"}")))
    @APIResponse(responseCode = "200", description = "removed")
    @APIResponse(responseCode = "202", description = "accepted, outcome not known yet: finished in the background")
    @APIResponse(responseCode = "404", description = "the person has no Dynamics record (person-not-synced)")
    @APIResponse(responseCode = "422", description = "no such list, a list of the other record type, or Dynamics refused")
    public Response removeFromMicrosoftCampaign(JsonValue body) {
        return microsoftAction(MicrosoftAction.REMOVE_FROM_CAMPAIGN, body);
    }

    @GET
    @Path("{action}/template")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The Marketo webhook set-up for another flow action (HTTP Basic)")
    public Map<String, Object> actionTemplate(@PathParam("action") String action) {
        return template.forAction(MicrosoftAction.byPath(action).orElseThrow(() ->
                new ApiProblem(404, "not-found", "No flow action " + JsonBodyReading.shown(action))));
    }

    /**
     * The other flow actions on the same machinery as Sync Person to Microsoft (docs/api.md, Other flow actions):
     * durable accept, an attempt under the deadline, 202 `queued` when the outcome is late.
     */
    private Response microsoftAction(MicrosoftAction action, JsonValue body) {
        ActionRequest request;
        try {
            request = MicrosoftActionBody.from(action, body);
        } catch (WebApplicationException refused) {
            actionAttempts.rejected(action, SyncPersonBody.leadIdIfAny(body), refused.getMessage());
            throw refused;
        }
        Instant now = clock.instant();
        Instant acceptedAt = acceptedAt(request, now);
        if (acceptedAt == null) {
            return Response.status(503).header("Retry-After", RETRY_AFTER_SECONDS).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("unavailable", "LeadSync could not record the call (its database is unreachable); call again later"))
                    .build();
        }
        Future<ActionResult> work = executor.submit(() -> actionAttempts.attempt(request, acceptedAt, false));
        try {
            ActionResult result = work.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return switch (result.outcome()) {
                case DONE -> answer("created".equals(result.done()) ? 201 : 200, result.body());
                case FAILED -> answer(422, result.body());
                case NOT_SYNCED -> answer(404, ApiError.of("person-not-synced", result.message()));
                case UNAVAILABLE -> queued(request.leadId());
            };
        } catch (TimeoutException slow) {
            actionAttempts.queued(request, "LeadSync could not finish within " + deadline.toSeconds() + " s");
            return queued(request.leadId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return queued(request.leadId());
        } catch (ExecutionException failed) {
            LOG.log(Level.SEVERE, action.path() + " attempt failed for person " + request.leadId() + "; it is tried again", failed.getCause());
            return queued(request.leadId());
        }
    }

    /** Durable accept of another action's call: when it was accepted (a pending call it joined), or null when not recorded. */
    private Instant acceptedAt(ActionRequest request, Instant now) {
        Duration foreground = deadline.plus(retryInterval);
        for (int tries = 1; ; tries++) {
            try {
                return calls.accept(request, now, foreground);
            } catch (RuntimeException e) {
                if (tries >= 2) {
                    LOG.log(Level.WARNING, "Could not record the " + request.action().path() + " call of person " + request.leadId(), e);
                    return null;
                }
            }
        }
    }

    /** Durable accept: the call is on record before any vendor call, or it is not accepted at all. */
    private boolean accepted(SyncPersonRequest request, Instant now) {
        Duration foreground = deadline.plus(retryInterval);
        for (int tries = 1; ; tries++) {
            try {
                calls.accept(request, now, foreground);
                return true;
            } catch (RuntimeException e) {
                if (tries >= 2) { // the second try joins a concurrent call's new row; a failing database fails both
                    LOG.log(Level.WARNING, "Could not record the flow-action call of person " + request.leadId(), e);
                    return false;
                }
            }
        }
    }

    private static Response queued(long personId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadId", personId);
        body.put("outcome", "queued");
        return answer(202, body);
    }

    private static Response answer(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
