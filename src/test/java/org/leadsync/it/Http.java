package org.leadsync.it;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.TimeUnit;

/** A plain JAX-RS client aimed at the deployed app, for black-box calls over loopback. */
public final class Http implements AutoCloseable {

    private final Client client = ClientBuilder.newBuilder()
            .connectTimeout(10, TimeUnit.SECONDS)
            .readTimeout(60, TimeUnit.SECONDS)
            .build();
    private final URI base;

    public Http(URL deployment) {
        this.base = URI.create(deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/");
    }

    /** A path below the deployment (`api/sync/status`), or from the server root when it starts with `/`. */
    public WebTarget target(String path) {
        return client.target(path.startsWith("/") ? base.resolve(path) : base.resolve(path));
    }

    public Response get(String path) {
        return target(path).request(MediaType.APPLICATION_JSON).get();
    }

    public Response postJson(String path, Object body) {
        return target(path).request(MediaType.APPLICATION_JSON).post(Entity.json(body));
    }

    public JsonObject getJson(String path) {
        try (Response r = get(path)) {
            if (r.getStatus() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.getStatus() + ": " + r.readEntity(String.class));
            }
            return r.readEntity(JsonObject.class);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
