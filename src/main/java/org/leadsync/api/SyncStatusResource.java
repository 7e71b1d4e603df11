package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.leadsync.ops.CycleReport;
import org.leadsync.ops.QuotaUse;
import org.leadsync.ops.SyncBacklog;
import org.leadsync.ops.SyncStatus;
import org.leadsync.ops.SyncStatusService;
import org.leadsync.sync.CycleLease;
import org.leadsync.sync.CycleRun;

/** Sync status and control (docs/api.md). There is deliberately no endpoint that forces a cycle (R3). */
@Path("sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    @Inject
    SyncStatusService statusService;

    @Inject
    CycleLease lease;

    @Inject
    CycleReport cycles;

    @Inject
    SyncBacklog backlog;

    @Inject
    QuotaUse quotas;

    static final int DEFAULT_CYCLES = 20;
    static final int MAX_CYCLES = 200;

    @GET
    @Path("cycles")
    @Operation(summary = "Cycle history, newest first: counts, duration, outcome, calls per vendor",
            description = "Page on with before=<id of the last cycle received> while next is not null.")
    public CyclePage cycles(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        int size = Limit.parse(limit, DEFAULT_CYCLES, MAX_CYCLES);
        CycleRun cursor = null;
        if (Limit.text("before", before) != null && !before.isBlank()) {
            long id = Limit.positiveId("before", before);
            cursor = cycles.find(id).orElseThrow(() -> ApiProblem.badRequest("before", "before must be the id of a cycle"));
        }
        java.util.List<CycleReport.Cycle> found = cycles.page(cursor, size + 1);
        java.util.List<CycleReport.Cycle> page = found.stream().limit(size).toList();
        return new CyclePage(page, found.size() > size ? page.get(page.size() - 1).id() : null);
    }

    /** The body of GET /api/sync/cycles. */
    public record CyclePage(java.util.List<CycleReport.Cycle> cycles, Long next) {
    }

    @GET
    @Path("throughput")
    @Operation(summary = "Records read, written and failed per interval: range 1h (by minute), 24h (15 min) or 5d (hour)")
    public CycleReport.Throughput throughput(@QueryParam("range") String range) {
        String label = Limit.text("range", range) == null || range.isBlank() ? "1h" : range;
        return cycles.throughput(CycleReport.Range.of(label)
                .orElseThrow(() -> ApiProblem.badRequest("range", "range must be 1h, 24h or 5d")));
    }

    @GET
    @Path("backlog")
    @Operation(summary = "What waits to be synced: per feed how far it is read, initial reads, queued flow actions")
    public SyncBacklog.Backlog backlog() {
        return backlog.backlog();
    }

    @GET
    @Path("quotas")
    @Operation(summary = "Vendor calls against their limits: Marketo per day and per 20 s, Dataverse per 5 min")
    public QuotaUse.Quotas quotas() {
        return quotas.quotas();
    }

    @GET
    @Path("status")
    @Operation(summary = "State of the background sync: last cycle, links, cursors, API calls")
    public SyncStatus status() {
        return statusService.status();
    }

    @POST
    @Path("pause")
    @Operation(summary = "Stop starting cycles on every instance; cursors stay where they are (admin)",
            description = "Takes no body, or {}. Answers with the status.")
    @APIResponse(responseCode = "200", description = "The status, now paused", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "paused",
            value = "{\"state\":\"paused\",\"interval\":\"PT5M\",\"paused\":true}")))
    @APIResponse(responseCode = "403", description = "A viewer may not pause", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "viewer",
            value = "{\"error\":\"forbidden\",\"message\":\"The user viewer may read but not change anything.\"}")))
    @Consumes(MediaType.APPLICATION_JSON)
    public SyncStatus pause(SyncControl none) {
        lease.setPaused(true);
        return statusService.status();
    }

    @POST
    @Path("resume")
    @Operation(summary = "Let cycles start again (admin)", description = "Takes no body, or {}. Answers with the status.")
    @APIResponse(responseCode = "200", description = "The status, no longer paused", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "resumed",
            value = "{\"state\":\"idle\",\"interval\":\"PT5M\",\"paused\":false}")))
    @Consumes(MediaType.APPLICATION_JSON)
    public SyncStatus resume(SyncControl none) {
        lease.setPaused(false);
        return statusService.status();
    }
}
