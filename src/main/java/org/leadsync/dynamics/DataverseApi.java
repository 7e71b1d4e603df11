package org.leadsync.dynamics;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Dataverse Web API as a MicroProfile REST Client (built at run time with the configured base URL).
 * Answers are raw Responses: {@link DataverseTransport} reads status, Retry-After and error bodies.
 */
@Path("/api/data/v9.2")
public interface DataverseApi {

    @GET
    @Path("{set}")
    Response list(@PathParam("set") String set, @QueryParam("$select") String select,
                  @QueryParam("$filter") String filter, @QueryParam("$skiptoken") String skipToken,
                  @QueryParam("$deltatoken") String deltaToken, @HeaderParam("Prefer") String prefer);

    @POST
    @Path("{set}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(@PathParam("set") String set, String body);

    @PATCH
    @Path("{set}({id})")
    @Consumes(MediaType.APPLICATION_JSON)
    Response update(@PathParam("set") String set, @PathParam("id") String id,
                    @HeaderParam("If-Match") String ifMatch, String body);

    @DELETE
    @Path("{set}({id})")
    Response delete(@PathParam("set") String set, @PathParam("id") String id);

    @GET
    @Path("EntityDefinitions(LogicalName='{name}')/Attributes")
    Response attributes(@PathParam("name") String logicalName);

    @POST
    @Path("leads({id})/Microsoft.Dynamics.CRM.QualifyLead")
    @Consumes(MediaType.APPLICATION_JSON)
    Response qualifyLead(@PathParam("id") String leadId, String body);

    /** An action bound to one row, such as `lists(<id>)/Microsoft.Dynamics.CRM.AddMemberList`. */
    @POST
    @Path("{set}({id})/Microsoft.Dynamics.CRM.{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response boundAction(@PathParam("set") String set, @PathParam("id") String id, @PathParam("action") String action, String body);

    @POST
    @Path("$batch")
    @Consumes("multipart/mixed")
    Response batch(@HeaderParam("Prefer") String prefer, BatchBody body);
}
