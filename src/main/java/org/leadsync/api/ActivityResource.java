package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;

/** R20: a person's activity log, newest first, paged by the id of the last entry seen. */
@Path("persons/{leadId}/activities")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    @Inject
    ActivityLog log;

    @GET
    @Operation(summary = "A person's activity log, newest first",
            description = "Page on with before=<id of the last entry you got>. An unknown person has an empty log.")
    @APIResponse(responseCode = "200", description = "The entries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a failed update", value = """
                    {"leadId":1234,"activities":[{"id":981,"at":"2026-11-25T10:00:00Z","type":"sync-failed",\
                    "direction":"to-dynamics","operation":"update","entity":"lead",\
                    "dynamicsId":"9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab","outcome":"failed","fields":["lastname"],\
                    "errorCode":"required","message":"lastname is required by Dynamics"}]}""")))
    @APIResponse(responseCode = "400", description = "leadId, limit or before is not valid", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "bad limit", value = """
                    {"error":"bad-request","message":"limit must be a whole number from 1 to 200",\
                    "details":[{"field":"limit","message":"limit must be a whole number from 1 to 200"}]}""")))
    public ActivityView.Page activities(
            @Parameter(description = "Marketo lead id", example = "1234") @PathParam("leadId") String leadId,
            @Parameter(description = "entries per page, 1 to 200", example = "50") @QueryParam("limit") String limit,
            @Parameter(description = "id of the last entry of the previous page", example = "981")
            @QueryParam("before") String before) {
        long person = Limit.positiveId("leadId", leadId);
        int size = Limit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        ActivityEntry cursor = null;
        if (Limit.text("before", before) != null && !before.isBlank()) {
            long id = Limit.positiveId("before", before);
            cursor = log.find(id).filter(entry -> entry.personId() != null && entry.personId() == person)
                    .orElseThrow(() -> ApiProblem.badRequest("before", "before must be the id of an entry of this person"));
        }
        return new ActivityView.Page(person, log.ofPerson(person, cursor, size).stream().map(ActivityView::of).toList());
    }
}
