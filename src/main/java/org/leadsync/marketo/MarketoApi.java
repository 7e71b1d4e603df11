package org.leadsync.marketo;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The Marketo REST endpoints LeadSync uses, as a MicroProfile REST Client (built at runtime with the
 * base URL from `leadsync.marketo.base-url`, or the app's own sandbox). Only {@link MarketoGateway} calls it.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface MarketoApi {

    String AUTH = "Authorization";

    @GET
    @Path("identity/oauth/token")
    JsonObject token(@QueryParam("grant_type") String grantType, @QueryParam("client_id") String clientId,
                     @QueryParam("client_secret") String clientSecret);

    /** leads.json as POST with `_method=GET`: the filter list travels in the body, never in a too-long URL. */
    @POST
    @Path("rest/v1/leads.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    JsonObject queryLeads(@HeaderParam(AUTH) String bearer, @QueryParam("_method") String method,
                          @FormParam("filterType") String filterType, @FormParam("filterValues") String filterValues,
                          @FormParam("fields") String fields, @FormParam("nextPageToken") String nextPageToken);

    @POST
    @Path("rest/v1/leads.json")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject syncLeads(@HeaderParam(AUTH) String bearer, JsonObject body);

    @GET
    @Path("rest/v1/leads/describe.json")
    JsonObject describe(@HeaderParam(AUTH) String bearer);

    @POST
    @Path("rest/v1/leads/delete.json")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject deleteLeads(@HeaderParam(AUTH) String bearer, JsonObject body);

    /** Sync Sales Persons (docs/sync-rules.md R22): createOrUpdate, deduplicated on externalSalesPersonId. */
    @POST
    @Path("rest/v1/salespersons.json")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject syncSalesPersons(@HeaderParam(AUTH) String bearer, JsonObject body);

    @GET
    @Path("rest/v1/activities/pagingtoken.json")
    JsonObject pagingToken(@HeaderParam(AUTH) String bearer, @QueryParam("sinceDatetime") String sinceDatetime);

    @GET
    @Path("rest/v1/activities/leadchanges.json")
    JsonObject leadChanges(@HeaderParam(AUTH) String bearer, @QueryParam("nextPageToken") String nextPageToken,
                           @QueryParam("fields") String fields, @QueryParam("batchSize") int batchSize);

    @GET
    @Path("rest/v1/activities/deletedleads.json")
    JsonObject deletedLeads(@HeaderParam(AUTH) String bearer, @QueryParam("nextPageToken") String nextPageToken,
                            @QueryParam("batchSize") int batchSize);

    @POST
    @Path("rest/v1/activities/external.json")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject addCustomActivities(@HeaderParam(AUTH) String bearer, JsonObject body);

    @GET
    @Path("rest/v1/activities.json")
    JsonObject activities(@HeaderParam(AUTH) String bearer, @QueryParam("activityTypeIds") String activityTypeIds,
                          @QueryParam("nextPageToken") String nextPageToken, @QueryParam("leadIds") String leadIds,
                          @QueryParam("batchSize") int batchSize);
}
