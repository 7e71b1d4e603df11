package org.leadsync.sandbox.marketo;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.SandboxSystem;
import org.leadsync.sandbox.SeedRequest;

/**
 * The Marketo emulator (docs/sandbox.md, Marketo): its store, tokens and limits, and the order every call
 * goes through: count, injected fault, access token, limits, then the work.
 */
@ApplicationScoped
public class MarketoSandbox implements SandboxSystem {

    @Inject
    FaultPlan faults;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.marketo.token-ttl", defaultValue = "PT1H")
    Duration tokenTtl;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.marketo.calls-per-20s", defaultValue = "100")
    int callsPer20s;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.marketo.max-concurrent", defaultValue = "10")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.marketo.daily-quota", defaultValue = "50000")
    long dailyQuota;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.client-id", defaultValue = "sandbox-client")
    String clientId;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.client-secret", defaultValue = "sandbox-secret")
    String clientSecret;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private PersonStore store;
    private IssuedTokens tokens;
    private CallLimits limits;

    @PostConstruct
    void start() {
        store = new PersonStore(clock);
        tokens = new IssuedTokens(clock);
        limits = new CallLimits(clock, callsPer20s, maxConcurrent, dailyQuota);
    }

    @Override
    public String name() {
        return "marketo";
    }

    @Override
    public void reset() {
        store.reset();
        limits.reset();
        calls.clear();
    }

    @Override
    public void seed(SeedRequest request) {
        store.seed(request.persons(), request.randomSeed(), request::personEmail);
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        Map<String, Long> byEndpoint = new java.util.TreeMap<>();
        calls.forEach((k, v) -> byEndpoint.put(k, v.get()));
        stats.put("calls", byEndpoint.values().stream().mapToLong(Long::longValue).sum());
        stats.put("callsByEndpoint", byEndpoint);
        stats.put("persons", store.personCount());
        stats.put("activities", store.activityCount());
        stats.put("rateLimitRejections", limits.rejections());
        return stats;
    }

    PersonStore store() {
        return store;
    }

    /** Makes every issued access token expire now, so the next call with one gets 602. */
    public void expireTokens() {
        tokens.expireAll();
    }

    boolean knowsClient(String id, String secret) {
        return clientId.equals(id) && clientSecret.equals(secret);
    }

    IssuedTokens.Issued issueToken(String id) {
        return tokens.issue(id, tokenTtl);
    }

    /** The identity endpoint: counted and faulted, but neither authenticated nor rate limited (as Marketo). */
    Response serveIdentity(Supplier<Response> work) {
        count("identity/oauth/token");
        Optional<Response> failed = injectedFault();
        return failed.orElseGet(work);
    }

    /** A REST call: `work` builds the body; request-level errors become HTTP 200 + success:false. */
    Response serve(String endpoint, String accessToken, Supplier<JsonObject> work) {
        count(endpoint);
        Optional<Response> failed = injectedFault();
        if (failed.isPresent()) {
            return failed.get();
        }
        try {
            switch (tokens.check(accessToken)) {
                case UNKNOWN:
                    throw accessToken == null || accessToken.isBlank()
                            ? new MarketoError("600", "Access token not specified")
                            : new MarketoError("601", "Access token invalid");
                case EXPIRED:
                    throw new MarketoError("602", "Access token expired");
                default:
                    break;
            }
            limits.admit();
            try {
                return json(work.get());
            } finally {
                limits.release();
            }
        } catch (MarketoError e) {
            return json(Envelope.failure(e.code, e.getMessage()));
        }
    }

    private Optional<Response> injectedFault() {
        Optional<Fault> fault = faults.take(name());
        if (fault.isEmpty()) {
            return Optional.empty();
        }
        Fault f = fault.get();
        if (f.delayMs() != null) {
            try {
                Thread.sleep(f.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (f.status() != null) {
            return Optional.of(Response.status(f.status()).type(MediaType.TEXT_PLAIN).entity("Injected fault").build());
        }
        if (f.marketoError() != null) {
            return Optional.of(json(Envelope.failure(f.marketoError(), "Injected fault " + f.marketoError())));
        }
        return Optional.empty();
    }

    private void count(String endpoint) {
        calls.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
    }

    private static Response json(JsonObject body) {
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }
}
