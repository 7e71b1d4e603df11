package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.leadsync.activity.ActivityLog;

/** The ops view of recent failures across all persons (docs/api.md, Sync errors), as JSON or as CSV for export. */
@Path("sync/errors")
public class SyncErrorsResource {

    public static final String CSV = "text/csv";

    @Inject
    ActivityLog log;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recent sync failures, newest first", description = "Send Accept: text/csv for a CSV export.")
    @APIResponse(responseCode = "200", description = "The failures", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one failure", value = """
                    {"errors":[{"id":981,"at":"2026-11-25T10:00:00Z","leadId":1234,\
                    "dynamicsId":"9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab","entity":"lead","operation":"update",\
                    "direction":"to-dynamics","errorCode":"required","message":"lastname is required by Dynamics"}]}""")),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "one failure as CSV", value = """
                    id,at,leadId,dynamicsId,entity,operation,direction,errorCode,message
                    981,2026-11-25T10:00:00Z,1234,9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab,lead,update,to-dynamics,required,\
                    lastname is required by Dynamics"""))})
    @APIResponse(responseCode = "400", description = "since, direction, errorCode or limit is not valid",
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
            @Parameter(description = "at most this many, 1 to 1000 (default 100)", example = "100")
            @QueryParam("limit") String limit) {
        return new SyncErrors(find(since, direction, errorCode, limit));
    }

    @GET
    @Produces(CSV + ";qs=0.5") // JSON unless CSV is asked for by name
    public Response errorsAsCsv(@QueryParam("since") String since, @QueryParam("direction") String direction,
                                @QueryParam("errorCode") String errorCode, @QueryParam("limit") String limit) {
        List<List<String>> rows = find(since, direction, errorCode, limit).stream().map(SyncError::cells).toList();
        return Response.ok(CsvExport.write(SyncError.COLUMNS, rows), CSV + ";charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sync-errors.csv\"")
                .build();
    }

    private List<SyncError> find(String since, String direction, String errorCode, String limit) {
        return log.failures(SyncErrorParameters.of(since, direction, errorCode, limit)).stream().map(SyncError::of).toList();
    }
}
