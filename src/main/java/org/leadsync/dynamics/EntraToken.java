package org.leadsync.dynamics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.leadsync.connector.ApiCallMeter;
import org.leadsync.connector.RestClientLife;
import org.leadsync.connector.RetryPolicy;
import org.leadsync.connector.SelfAddress;
import org.leadsync.connector.TokenCache;
import org.leadsync.port.DynamicsException;
import org.leadsync.port.DynamicsUnavailable;

/**
 * The Entra ID bearer token for Dynamics, held in the connector kit's {@link TokenCache}: client
 * credentials, or the password (ROPC) grant when `leadsync.dynamics.username` is set (docs/sync-rules.md R6).
 */
@ApplicationScoped
public class EntraToken {

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
    SelfAddress self;

    @Inject
    ApiCallMeter meter;

    private final RetryPolicy retries = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(15), () -> 1.0);
    private TokenCache cache;
    private volatile EntraTokenEndpoint endpoint;

    @PostConstruct
    void start() {
        cache = new TokenCache(this::fetch, Clock.systemUTC());
    }

    @PreDestroy
    void stop() {
        RestClientLife.close(endpoint);
    }

    /** The current token, fetching one when there is none or it is about to expire. */
    public String current() {
        return cache.current();
    }

    /** Dynamics answered 401 to `stale`: the next {@link #current()} fetches afresh, unless another thread already did. */
    public void reject(String stale) {
        cache.invalidate(stale);
    }

    private TokenCache.Grant fetch() {
        String resource = baseUrl.orElseGet(() -> self.dynamicsBase().toString());
        String scopes = scope.orElse(resource.replaceAll("/+$", "") + "/.default");
        DynamicsUnavailable last = null;
        long started = System.nanoTime();
        for (int failures = 1; ; failures++) {
            meter.record(ApiCallMeter.DYNAMICS);
            try (Response r = username.isPresent()
                    ? endpoint().password("password", clientId, clientSecret, scopes, username.get(), password.orElse(""))
                    : endpoint().clientCredentials("client_credentials", clientId, clientSecret, scopes)) {
                String body = r.readEntity(String.class);
                if (r.getStatus() == 200) {
                    JsonObject token = ODataJson.read(body);
                    return new TokenCache.Grant(token.getString("access_token"), token.getJsonNumber("expires_in").longValue());
                }
                if (r.getStatus() < 500) {
                    throw new DynamicsException("Dynamics token request refused (HTTP " + r.getStatus() + "): " + body);
                }
                last = new DynamicsUnavailable("Token endpoint answered HTTP " + r.getStatus());
            } catch (ProcessingException e) {
                last = new DynamicsUnavailable("Token endpoint unreachable: " + e.getMessage(), e);
            }
            Optional<Duration> pause = retries.pauseAfter(failures, Duration.ofNanos(System.nanoTime() - started), null);
            if (pause.isEmpty() || !RetryPolicy.pause(pause.get())) {
                throw last;
            }
        }
    }

    private EntraTokenEndpoint endpoint() {
        EntraTokenEndpoint current = endpoint;
        if (current == null) {
            synchronized (this) {
                if (endpoint == null) {
                    endpoint = RestClientBuilder.newBuilder()
                            .baseUri(URI.create(tokenUrl.orElseGet(() -> self.dynamicsBase() + "/leadsync/oauth2/v2.0/token")))
                            .property("microprofile.rest.client.disable.default.mapper", true)
                            .connectTimeout(10, TimeUnit.SECONDS)
                            .readTimeout(30, TimeUnit.SECONDS)
                            .build(EntraTokenEndpoint.class);
                }
                current = endpoint;
            }
        }
        return current;
    }
}
