package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.SyncErrorQuery;

/**
 * The ops view of failures across all persons (docs/api.md, Sync errors): pages of JSON by cursor, a CSV of every
 * match streamed page by page (any size, bounded memory), and a summary grouped by code and message.
 */
@Path("sync/errors")
public class SyncErrorsResource {

    public static final String CSV = "text/csv";
    /** The CSV is read from the database in pages of this many rows. */
    static final int CSV_PAGE = 1000;
    static final int DEFAULT_GROUPS = 50;
    static final int MAX_GROUPS = 500;

    @Inject
    ActivityLog log;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sync failures, newest first, a page at a time",
            description = "Page on with before=<id of the last error received> while next is not null. "
                    + "Send Accept: text/csv for a CSV export of every match.")
    @APIResponse(responseCode = "200", description = "The failures", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one failure", value = """
                    {"errors":[{"id":981,"at":"2026-11-25T10:00:00Z","leadId":1234,\
                    "dynamicsId":"9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab","entity":"lead","operation":"update",\
                    "direction":"to-dynamics","errorCode":"required","message":"lastname is required by Dynamics"}],\
                    "next":null}""")),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "one failure as CSV", value = """
                    id,at,leadId,dynamicsId,entity,operation,direction,errorCode,message
                    981,2026-11-25T10:00:00Z,1234,9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab,lead,update,to-dynamics,required,\
                    lastname is required by Dynamics"""))})
    @APIResponse(responseCode = "400", description = "since, direction, errorCode, message, before or limit is not valid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "bad since",
                    value = """
                            {"error":"bad-request","message":"since must be an ISO-8601 instant such as 2026-11-25T10:00:00Z",\
                            "details":[{"field":"since","message":"since must be an ISO-8601 instant such as 2026-11-25T10:00:00Z"}]}""")))
    public SyncErrors errors(
            @Parameter(description = "only failures at or after this instant", example = "2026-11-25T00:00:00Z")
            @QueryParam("since") String since,
            @Parameter(description = "to-dynamics or to-marketo", example = "to-dynamics")
            @QueryParam("direction") String direction,
            @Parameter(description = "only this error code", example = "required") @QueryParam("errorCode") String errorCode,
            @Parameter(description = "only this exact message (a group of the summary)") @QueryParam("message") String message,
            @Parameter(description = "the id of the last error of the previous page", example = "981")
            @QueryParam("before") String before,
            @Parameter(description = "at most this many per page, 1 to 1000 (default 100)", example = "100")
            @QueryParam("limit") String limit) {
        int size = Limit.parse(limit, SyncErrorParameters.DEFAULT_LIMIT, SyncErrorParameters.MAX_LIMIT);
        SyncErrorQuery query = SyncErrorParameters.of(since, direction, errorCode, message, cursor(before), size + 1);
        List<ActivityEntry> found = log.failures(query);
        List<SyncError> page = found.stream().limit(size).map(SyncError::of).toList();
        Long next = found.size() > size ? page.get(page.size() - 1).id() : null;
        return new SyncErrors(page, next);
    }

    @GET
    @Produces(CSV + ";qs=0.5") // JSON unless CSV is asked for by name
    public Response errorsAsCsv(@QueryParam("since") String since, @QueryParam("direction") String direction,
                                @QueryParam("errorCode") String errorCode, @QueryParam("message") String message,
                                @QueryParam("before") String before, @QueryParam("limit") String limit) {
        // every parameter is checked here, before the first byte is sent: a bad one is still a JSON 400
        long max = Limit.text("limit", limit) == null || limit.isBlank() ? Long.MAX_VALUE
                : Limit.parse(limit, SyncErrorParameters.DEFAULT_LIMIT, Integer.MAX_VALUE);
        SyncErrorQuery first = SyncErrorParameters.of(since, direction, errorCode, message, cursor(before),
                (int) Math.min(CSV_PAGE, max));
        StreamingOutput body = out -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv.write(CsvExport.line(SyncError.COLUMNS));
            long written = 0;
            SyncErrorQuery query = first;
            while (true) {
                List<ActivityEntry> page = log.failures(query);
                for (ActivityEntry entry : page) {
                    csv.write(CsvExport.line(SyncError.of(entry).cells()));
                }
                written += page.size();
                if (page.size() < query.limit() || written >= max) {
                    break;
                }
                query = query.after(page.get(page.size() - 1), (int) Math.min(CSV_PAGE, max - written));
            }
            csv.flush();
        };
        return Response.ok(body, CSV + ";charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sync-errors.csv\"")
                .build();
    }

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sync failures grouped by error code and message, the largest groups first")
    @APIResponse(responseCode = "200", description = "The groups", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one group", value = """
                    {"total":3614,"groups":[{"errorCode":"required","message":"lastname is required by Dynamics",\
                    "count":3600,"firstAt":"2026-11-25T09:00:00Z","lastAt":"2026-11-25T10:00:00Z"}]}""")))
    public SyncErrorSummary summary(@QueryParam("since") String since, @QueryParam("direction") String direction,
                                    @QueryParam("errorCode") String errorCode,
                                    @Parameter(description = "at most this many groups, 1 to 500 (default 50)")
                                    @QueryParam("limit") String limit) {
        SyncErrorQuery query = SyncErrorParameters.of(since, direction, errorCode, null, null,
                Limit.parse(limit, DEFAULT_GROUPS, MAX_GROUPS));
        return new SyncErrorSummary(log.countFailures(query), log.failureGroups(query).stream()
                .map(g -> new SyncErrorSummary.Group(g.errorCode(), g.message(), g.count(), g.firstAt(), g.lastAt()))
                .toList());
    }

    private ActivityEntry cursor(String before) {
        if (Limit.text("before", before) == null || before.isBlank()) {
            return null;
        }
        long id = Limit.positiveId("before", before);
        return log.find(id).filter(entry -> "failed".equals(entry.outcome()))
                .orElseThrow(() -> ApiProblem.badRequest("before", "before must be the id of a sync error"));
    }
}
