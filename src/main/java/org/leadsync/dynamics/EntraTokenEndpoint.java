package org.leadsync.dynamics;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Microsoft Entra ID's v2.0 token endpoint (base URL = `leadsync.dynamics.token-url`). */
public interface EntraTokenEndpoint {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response clientCredentials(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                               @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response password(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                      @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope,
                      @FormParam("username") String username, @FormParam("password") String password);
}
