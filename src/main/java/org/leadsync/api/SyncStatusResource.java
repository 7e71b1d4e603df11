package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.leadsync.ops.SyncStatus;
import org.leadsync.ops.SyncStatusService;
import org.leadsync.sync.CycleLease;

/** Sync status and control (docs/api.md). There is deliberately no endpoint that forces a cycle (R3). */
@Path("sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    @Inject
    SyncStatusService statusService;

    @Inject
    CycleLease lease;

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
