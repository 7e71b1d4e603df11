package org.leadsync.it;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A plain JAX-RS client aimed at the deployed app, for black-box calls over loopback. It signs every call as
 * the admin unless told otherwise; the credentials are those of src/test/resources/payara-it.properties.
 */
public final class Http implements AutoCloseable {

    private static final Properties SETTINGS = settings();

    private final Client client;
    private final URI base;

    private Http(URL deployment, String header, String value) {
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS);
        if (header != null) {
            builder.register((jakarta.ws.rs.client.ClientRequestFilter) request -> request.getHeaders().putSingle(header, value));
        }
        this.client = builder.build();
        this.base = URI.create(deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/");
    }

    /** Signed in as the admin. */
    public Http(URL deployment) {
        this(deployment, HttpHeaders.AUTHORIZATION, basic(setting("leadsync.admin.user", "admin"),
                setting("leadsync.admin.password", null)));
    }

    public static Http anonymous(URL deployment) {
        return new Http(deployment, null, null);
    }

    public static Http viewer(URL deployment) {
        return basic(deployment, setting("leadsync.viewer.user", null), setting("leadsync.viewer.password", null));
    }

    public static Http basic(URL deployment, String user, String password) {
        return new Http(deployment, HttpHeaders.AUTHORIZATION, basic(user, password));
    }

    /** Sends `X-Api-Key` as the Marketo webhook does (and no Basic credentials). */
    public static Http webhook(URL deployment, String key) {
        return new Http(deployment, "X-Api-Key", key);
    }

    /** The webhook with the key the app is configured with (`leadsync.webhook.api-key`). */
    public static Http webhook(URL deployment) {
        return webhook(deployment, setting("leadsync.webhook.api-key", null));
    }

    public static String setting(String key, String fallback) {
        return System.getProperty(key, SETTINGS.getProperty(key, fallback));
    }

    /** A path below the deployment (`api/sync/status`), or from the server root when it starts with `/`. */
    public WebTarget target(String path) {
        return client.target(base.resolve(path));
    }

    public Response get(String path) {
        return target(path).request(MediaType.APPLICATION_JSON).get();
    }

    public Response postJson(String path, Object body) {
        return target(path).request(MediaType.APPLICATION_JSON).post(Entity.json(body));
    }

    public Response post(String path) {
        return target(path).request(MediaType.APPLICATION_JSON).post(null);
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

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Properties settings() {
        Properties properties = new Properties();
        try (InputStream in = Http.class.getResourceAsStream("/payara-it.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
