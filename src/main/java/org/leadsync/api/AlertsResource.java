package org.leadsync.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.leadsync.ops.AlertList;

/** The alert rules and their state (docs/api.md, Alerts); they are configured with MicroProfile Config only. */
@Path("alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @Inject
    AlertList alerts;

    @GET
    @Operation(summary = "The alert rules, their thresholds, which fire now, and where alerts go")
    public AlertList.Alerts alerts() {
        return alerts.list();
    }
}
