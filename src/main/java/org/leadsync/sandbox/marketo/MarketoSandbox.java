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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.sandbox.CallLatency;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.SandboxSystem;
import org.leadsync.sandbox.SeedRequest;
import org.leadsync.sandbox.TokenIssuer;

/**
 * The Marketo emulator (docs/sandbox.md, Marketo): its store, tokens and limits, and the order every call
 * goes through: count, injected fault, access token, limits, then the work.
 */
@ApplicationScoped
public class MarketoSandbox implements SandboxSystem, TokenIssuer {

    /** Marketo's code for invalid request data (error-codes page, 1003), which the activities endpoints answer. */
    public static final String INVALID_DATA = "1003";

    /** Armed by {@link #refuseNextPagingTokens}: the next `remaining` activity reads with a paging token fail. */
    private record Refusal(String code, int remaining) {
    }

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
    @ConfigProperty(name = "leadsync.sandbox.marketo.latency.p50", defaultValue = "PT0S")
    Duration latencyP50;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.marketo.latency.p99", defaultValue = "PT0S")
    Duration latencyP99;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.client-id", defaultValue = "sandbox-client")
    String clientId;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.client-secret", defaultValue = "sandbox-secret")
    String clientSecret;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicReference<Refusal> refusal = new AtomicReference<>();
    private final AtomicLong pagingTokensRefused = new AtomicLong();
    private PersonStore store;
    private IssuedTokens tokens;
    private CallLimits limits;
    private CallLatency latency = CallLatency.NONE;

    @PostConstruct
    void start() {
        store = new PersonStore(clock);
        tokens = new IssuedTokens(clock);
        limits = new CallLimits(clock, callsPer20s, maxConcurrent, dailyQuota);
        latency = CallLatency.of(latencyP50, latencyP99, new java.util.Random());
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
        refusal.set(null);
        pagingTokensRefused.set(0);
    }

    @Override
    public void seed(SeedRequest request) {
        store.seed(request.persons(), request.randomSeed(), request::personEmail);
    }

    /** The persons carrying a CRM id (`id`, `msftId`, `msftType`): those a sync has linked (the demo activity). */
    public java.util.List<Map<String, Object>> linkedPersons() {
        return store.linked();
    }

    /** A user's edit of one person (the demo activity, docs/sandbox.md), as `leads.json` updateOnly by id makes it. */
    public boolean edit(long personId, Map<String, String> values) {
        Map<String, Object> record = new LinkedHashMap<>(values);
        record.put("id", personId);
        return "updated".equals(store.sync("updateOnly", "id", java.util.List.of(record)).get(0).status());
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
        stats.put("salesPersons", store.salesPersons().count());
        stats.put("rateLimitRejections", limits.rejections());
        stats.put("pagingTokensRefused", pagingTokensRefused.get());
        return stats;
    }

    PersonStore store() {
        return store;
    }

    /** Makes every issued access token expire now, so the next call with one gets 602. */
    public void expireTokens() {
        expireIssuedTokens();
    }

    @Override
    public int expireIssuedTokens() {
        return tokens.expireAll();
    }

    /**
     * POST /sandbox/admin/marketo/refuse-paging-token: the next `count` calls of `activities/leadchanges.json`,
     * `activities/deletedleads.json` or `activities.json` that carry a `nextPageToken` answer `code` as if
     * Marketo no longer knew the token (expired or unknown). Arming again replaces what is left.
     */
    public void refuseNextPagingTokens(int count, String code) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        refusal.set(new Refusal(code == null || code.isBlank() ? INVALID_DATA : code, count));
    }

    /** How many refusals are still armed (GET /sandbox/admin/faults). */
    public int pagingTokenRefusalsLeft() {
        Refusal left = refusal.get();
        return left == null ? 0 : left.remaining();
    }

    /** Called by an activity read that carries a paging token: fails it when a refusal is armed, consuming one. */
    void refusePagingTokenIfArmed(String token) {
        Refusal taken = refusal.getAndUpdate(r -> r == null || r.remaining() <= 1 ? null : new Refusal(r.code(), r.remaining() - 1));
        if (taken != null) {
            pagingTokensRefused.incrementAndGet();
            throw new MarketoError(taken.code(), "Invalid nextPageToken '" + token + "': unknown or expired");
        }
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
        latency.pause();
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
                latency.pause(); // within the call's time in flight: the 615 limit sees slow calls pile up
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
