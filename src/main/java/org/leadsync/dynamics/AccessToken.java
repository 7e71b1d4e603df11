package org.leadsync.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.leadsync.ops.ApiCallMeter;
import org.leadsync.sandbox.SandboxAddress;

/**
 * The Entra ID bearer token for Dynamics, cached until a minute before it expires; client credentials,
 * or the password (ROPC) grant when `leadsync.dynamics.username` is set (design.md: tokens expiring mid-cycle).
 */
@ApplicationScoped
public class AccessToken {

    private static final Duration EARLY = Duration.ofSeconds(60);

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.token-url")
    Optional<String> tokenUrl;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.client-id", defaultValue = "sandbox-client")
    String clientId;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.client-secret", defaultValue = "sandbox-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.scope")
    Optional<String> scope;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.password")
    Optional<String> password;

    @Inject
    SandboxAddress sandbox;

    @Inject
    ApiCallMeter meter;

    private record Held(String value, Instant refreshAt) {
    }

    private volatile Held held;

    /** The current token, fetching one when there is none or it is about to expire. */
    public String current() {
        Held now = held;
        if (now == null || Instant.now().isAfter(now.refreshAt())) {
            return refresh(now == null ? null : now.value());
        }
        return now.value();
    }

    /** Fetches a new token unless another thread already replaced `stale` (a 401 refreshes once). */
    public synchronized String refresh(String stale) {
        Held now = held;
        if (now != null && !now.value().equals(stale) && Instant.now().isBefore(now.refreshAt())) {
            return now.value();
        }
        held = fetch();
        return held.value();
    }

    private Held fetch() {
        EntraTokenEndpoint endpoint = RestClientBuilder.newBuilder()
                .baseUri(URI.create(tokenUrl.orElseGet(() -> sandbox.dynamicsBase() + "/leadsync/oauth2/v2.0/token")))
                .property("microprofile.rest.client.disable.default.mapper", true)
                .connectTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .readTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .build(EntraTokenEndpoint.class);
        String resource = baseUrl.orElseGet(() -> sandbox.dynamicsBase().toString());
        String scopes = scope.orElse(resource.replaceAll("/+$", "") + "/.default");
        DynamicsUnavailable last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            meter.record(ApiCallMeter.DYNAMICS);
            try (Response r = username.isPresent()
                    ? endpoint.password("password", clientId, clientSecret, scopes, username.get(), password.orElse(""))
                    : endpoint.clientCredentials("client_credentials", clientId, clientSecret, scopes)) {
                String body = r.readEntity(String.class);
                if (r.getStatus() == 200) {
                    JsonObject token = ODataJson.read(body);
                    long expiresIn = token.getJsonNumber("expires_in").longValue();
                    Duration life = Duration.ofSeconds(expiresIn);
                    Duration early = life.compareTo(EARLY.multipliedBy(2)) > 0 ? EARLY : life.dividedBy(2);
                    return new Held(token.getString("access_token"), Instant.now().plus(life).minus(early));
                }
                if (r.getStatus() < 500) {
                    throw new DynamicsException("Dynamics token request refused (HTTP " + r.getStatus() + "): " + body);
                }
                last = new DynamicsUnavailable("Token endpoint answered HTTP " + r.getStatus());
            } catch (ProcessingException e) {
                last = new DynamicsUnavailable("Token endpoint unreachable: " + e.getMessage(), e);
            }
            sleep(500L * (attempt + 1));
        }
        throw last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamicsUnavailable("Interrupted while waiting to retry the token request");
        }
    }
}
