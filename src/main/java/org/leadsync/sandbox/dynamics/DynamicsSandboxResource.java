package org.leadsync.sandbox.dynamics;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.JsonFactory;

/**
 * The Dynamics 365 emulator over HTTP (docs/sandbox.md, Dynamics 365): the Entra ID token endpoint and the
 * Web API under `/api/data/v9.2`. Faults, bearer check and service protection happen here, once per call.
 */
@Path("dynamics")
public class DynamicsSandboxResource {

    @Inject
    DataverseWebApi api;

    @Inject
    DataverseBatch batch;

    @Inject
    DynamicsStore store;

    @Inject
    SandboxTokens tokens;

    @Inject
    ServiceProtection protection;

    @Inject
    FaultPlan faults;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @POST
    @Path("{tenant}/oauth2/v2.0/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@PathParam("tenant") String tenant, MultivaluedMap<String, String> form) {
        store.countCall("POST token");
        Optional<String> token = tokens.issue(form.getFirst("grant_type"), form.getFirst("client_id"),
                form.getFirst("client_secret"), form.getFirst("username"), form.getFirst("password"));
        if (token.isEmpty()) {
            return Response.status(401).type(MediaType.APPLICATION_JSON).entity(JsonFactory.JSON.createObjectBuilder()
                    .add("error", "invalid_client")
                    .add("error_description", "AADSTS7000215: Invalid client secret provided or unknown client/grant.")
                    .build().toString()).build();
        }
        return Response.ok(JsonFactory.JSON.createObjectBuilder()
                .add("token_type", "Bearer")
                .add("expires_in", tokens.ttlSeconds())
                .add("ext_expires_in", tokens.ttlSeconds())
                .add("access_token", token.get()).build().toString(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("api/data/v9.2/{path: .+}")
    public Response get(@PathParam("path") String path) {
        return call("GET", path, null);
    }

    @POST
    @Path("api/data/v9.2/{path: .+}")
    public Response post(@PathParam("path") String path, String body) {
        return call("POST", path, body);
    }

    @PATCH
    @Path("api/data/v9.2/{path: .+}")
    public Response patch(@PathParam("path") String path, String body) {
        return call("PATCH", path, body);
    }

    @DELETE
    @Path("api/data/v9.2/{path: .+}")
    public Response delete(@PathParam("path") String path) {
        return call("DELETE", path, null);
    }

    private Response call(String method, String path, String body) {
        store.countCall(DataverseWebApi.endpoint(method, path));
        Optional<Fault> fault = faults.take("dynamics");
        if (fault.isPresent()) {
            Fault f = fault.get();
            if (f.delayMs() != null) {
                sleep(f.delayMs());
            }
            if (f.status() != null) {
                return toHttp(WebApiResponse.error(new DataverseFault(f.status(), f.status() == 429 ? "0x80072322" : "0x80040216",
                        "Injected fault: HTTP " + f.status() + ".", f.status() == 429 ? 1 : null)));
            }
        }
        Optional<String> user = tokens.user(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (user.isEmpty()) {
            return toHttp(WebApiResponse.error(new DataverseFault(401, "0x80072243", "The bearer token is missing, unknown or expired."))
                    .with("WWW-Authenticate", "Bearer authorization_uri=" + uriInfo.getBaseUri() + "dynamics/common/oauth2/authorize"));
        }
        try {
            protection.admit(user.get());
        } catch (DataverseFault limited) {
            store.countRateLimited();
            return toHttp(WebApiResponse.error(limited));
        }
        try {
            protection.latency().pause(); // within the request's time in flight (the 52-concurrent limit)
            Map<String, String> query = new LinkedHashMap<>();
            uriInfo.getQueryParameters().forEach((k, v) -> query.put(k, v.get(0)));
            WebApiRequest request = new WebApiRequest(method, path, query, headers::getHeaderString, body,
                    uriInfo.getBaseUri() + "dynamics/api/data/v9.2/");
            if (path.equals("$batch") && method.equals("POST")) {
                try {
                    return toHttp(batch.execute(request));
                } catch (DataverseFault f) {
                    return toHttp(WebApiResponse.error(f));
                }
            }
            return toHttp(api.handle(request));
        } finally {
            protection.release(user.get());
        }
    }

    private static Response toHttp(WebApiResponse response) {
        Response.ResponseBuilder out = Response.status(response.status());
        response.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type")) {
                out.header(k, v);
            }
        });
        if (response.body() != null) {
            out.entity(response.body()).type(response.headers().getOrDefault("Content-Type", MediaType.APPLICATION_JSON));
        }
        return out.build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
