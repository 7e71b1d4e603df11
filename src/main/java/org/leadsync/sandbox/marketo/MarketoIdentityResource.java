package org.leadsync.sandbox.marketo;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.leadsync.sandbox.JsonFactory;

/** Marketo's identity service: client credentials in, access token with its lifetime out (docs/sandbox.md). */
@Path("marketo/identity/oauth/token")
@Produces(MediaType.APPLICATION_JSON)
public class MarketoIdentityResource {

    @Inject
    MarketoSandbox sandbox;

    @GET
    public Response token(@QueryParam("grant_type") String grantType, @QueryParam("client_id") String clientId,
                          @QueryParam("client_secret") String clientSecret) {
        return sandbox.serveIdentity(() -> issue(grantType, clientId, clientSecret));
    }

    @POST
    public Response tokenByPost(@QueryParam("grant_type") String grantType, @QueryParam("client_id") String clientId,
                                @QueryParam("client_secret") String clientSecret, @FormParam("grant_type") String formGrant,
                                @FormParam("client_id") String formId, @FormParam("client_secret") String formSecret) {
        return sandbox.serveIdentity(() -> issue(grantType != null ? grantType : formGrant,
                clientId != null ? clientId : formId, clientSecret != null ? clientSecret : formSecret));
    }

    private Response issue(String grantType, String clientId, String clientSecret) {
        if (!"client_credentials".equals(grantType)) {
            return Response.status(400).type(MediaType.APPLICATION_JSON).entity(JsonFactory.JSON.createObjectBuilder()
                    .add("error", "unsupported_grant_type")
                    .add("error_description", "Unsupported grant type: " + grantType).build()).build();
        }
        if (!sandbox.knowsClient(clientId, clientSecret)) {
            return Response.status(401).type(MediaType.APPLICATION_JSON).entity(JsonFactory.JSON.createObjectBuilder()
                    .add("error", "unauthorized")
                    .add("error_description", "Bad client credentials").build()).build();
        }
        IssuedTokens.Issued issued = sandbox.issueToken(clientId);
        return Response.ok(JsonFactory.JSON.createObjectBuilder()
                .add("access_token", issued.token())
                .add("token_type", "bearer")
                .add("expires_in", issued.expiresIn())
                .add("scope", "leadsync@sandbox.local")
                .build(), MediaType.APPLICATION_JSON).build();
    }
}
