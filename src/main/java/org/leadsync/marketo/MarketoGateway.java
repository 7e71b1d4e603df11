package org.leadsync.marketo;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.leadsync.connector.ApiCallMeter;
import org.leadsync.connector.CallPacer;
import org.leadsync.connector.DailyCallCap;
import org.leadsync.connector.JsonFactory;
import org.leadsync.connector.RestClientLife;
import org.leadsync.connector.RetryPolicy;
import org.leadsync.connector.SelfAddress;
import org.leadsync.connector.TokenCache;
import org.leadsync.port.CallPriority;
import org.leadsync.port.MarketoBudgetSpent;
import org.leadsync.port.MarketoQuotaExceeded;
import org.leadsync.port.MarketoRejected;
import org.leadsync.port.MarketoUnavailable;

/**
 * Every HTTP call to Marketo goes through here: paced, metered, authenticated with a cached token
 * (refreshed and replayed once on 601/602), retried with backoff on transient errors, and stopped on
 * 607 (docs/sync-rules.md R21; docs/architecture.md, bites 3 and 6). Answers the envelope of a successful call.
 */
@ApplicationScoped
public class MarketoGateway {

    private static final Logger LOG = Logger.getLogger(MarketoGateway.class.getName());
    /** Rate limits, timeouts, Marketo-side contention and 502s: worth trying again after a pause. */
    private static final Set<String> RETRYABLE = Set.of("502", "604", "606", "608", "611", "615", "713");
    private static final Set<String> TOKEN_REJECTED = Set.of("601", "602");
    /** The envelope {@link #file} hands {@link #call} for a file received. */
    private static final JsonObject FILE_RECEIVED = JsonFactory.JSON.createObjectBuilder().add("success", true).build();

    @Inject
    @ConfigProperty(name = "leadsync.marketo.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.client-id", defaultValue = "sandbox-client")
    String clientId;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.client-secret", defaultValue = "sandbox-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.calls-per-20s", defaultValue = "80")
    int callsPer20s;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.max-concurrent", defaultValue = "5")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.retry.budget", defaultValue = "PT2M")
    Duration retryBudget;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.retry.initial-delay", defaultValue = "PT0.5S")
    Duration initialDelay;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.retry.max-delay", defaultValue = "PT20S")
    Duration maxDelay;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.timeout", defaultValue = "PT30S")
    Duration timeout;

    @Inject
    SelfAddress sandbox;

    @Inject
    ApiCallMeter meter;

    @Inject
    DailyCallCap dailyCap;

    private volatile MarketoApi api;
    private CallPacer pacing;
    private RetryPolicy retries;
    private TokenCache token;

    /** One REST client for the connector's life, closed on undeploy. */
    @PreDestroy
    void stop() {
        RestClientLife.close(api);
    }

    @PostConstruct
    void start() {
        pacing = new CallPacer(callsPer20s, Duration.ofSeconds(20), maxConcurrent);
        retries = new RetryPolicy(initialDelay, maxDelay, retryBudget, () -> ThreadLocalRandom.current().nextDouble());
        token = new TokenCache(this::fetchToken, Clock.systemUTC());
    }

    /** Calls `request` with a bearer header and answers the envelope, or throws a typed {@link MarketoException}. */
    JsonObject call(String what, Function<MarketoApi, Function<String, JsonObject>> request) {
        boolean replayed = false;
        int failures = 0;
        long started = System.nanoTime();
        while (true) {
            spendDailyCap(what);
            String current = token.current();
            Outcome outcome = attempt(api -> request.apply(api).apply("Bearer " + current));
            if (outcome.body != null && outcome.body.getBoolean("success", false)) {
                return outcome.body;
            }
            String code = outcome.code();
            if (TOKEN_REJECTED.contains(code) && !replayed) {
                token.invalidate(current);
                replayed = true;
                continue;
            }
            failures = pauseOrThrow(what, outcome, failures, started);
        }
    }

    /**
     * A call that answers a file (the Bulk API's CSV files) as text, with everything {@link #call} does; an answer
     * in JSON is Marketo's envelope of a refusal and is handled as one (a stale token replayed, a 606 retried...).
     */
    String file(String what, Function<MarketoApi, Function<String, Response>> request) {
        String[] text = new String[1];
        call(what, api -> bearer -> {
            try (Response answer = request.apply(api).apply(bearer)) {
                String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
                if (answer.getMediaType() != null && answer.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                    return JsonFactory.JSON.createReader(new java.io.StringReader(body)).readObject();
                }
                text[0] = body;
                return FILE_RECEIVED;
            }
        });
        return text[0];
    }

    /**
     * R21, Daily cap: every REST call (retries too: Marketo counts them) spends one call of the calling thread's
     * priority; identity calls do not count against Marketo's quota, so neither against the cap.
     */
    private void spendDailyCap(String what) {
        CallPriority priority = CallPriority.current();
        String name = priority.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (!dailyCap.take(name)) {
            throw new MarketoBudgetSpent(priority, "LeadSync's daily Marketo cap is spent for " + name + " work ("
                    + dailyCap.stopsAt(name) + " of " + dailyCap.cap() + " calls today); " + what + " waits for the reset");
        }
    }

    private TokenCache.Grant fetchToken() {
        int failures = 0;
        long started = System.nanoTime();
        while (true) {
            Outcome outcome = attempt(api -> api.token("client_credentials", clientId, clientSecret));
            if (outcome.body != null && outcome.body.containsKey("access_token")) {
                return new TokenCache.Grant(outcome.body.getString("access_token"),
                        outcome.body.getJsonNumber("expires_in").longValue());
            }
            failures = pauseOrThrow("identity", outcome, failures, started);
        }
    }

    /** One HTTP call, paced and metered; transport failures become codes like `HTTP 503` or `timeout`. */
    private Outcome attempt(Function<MarketoApi, JsonObject> call) {
        try {
            pacing.acquire(CallPriority.current().ordinal()); // R21, Priority: a flow action's call goes first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketoUnavailable("interrupted", "Interrupted while waiting for a Marketo call slot", e);
        }
        try {
            meter.record(ApiCallMeter.MARKETO);
            return new Outcome(call.apply(api()), null, null);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return new Outcome(null, "HTTP " + status, e);
        } catch (ProcessingException e) {
            return new Outcome(null, "timeout", e);
        } finally {
            pacing.release();
        }
    }

    private int pauseOrThrow(String what, Outcome outcome, int failures, long startedNanos) {
        String code = outcome.code();
        if ("607".equals(code)) {
            throw new MarketoQuotaExceeded(outcome.message());
        }
        if (!outcome.retryable()) {
            throw new MarketoRejected(code, what + ": " + outcome.message());
        }
        int failed = failures + 1;
        Duration spent = Duration.ofNanos(System.nanoTime() - startedNanos);
        Optional<Duration> pause = retries.pauseAfter(failed, spent, null);
        if (pause.isEmpty()) {
            throw new MarketoUnavailable(code, what + " failed " + failed + " times in " + spent.toSeconds()
                    + " s (retry budget " + retryBudget + "): " + outcome.message(), outcome.cause);
        }
        LOG.fine(() -> "Marketo " + what + " answered " + code + "; retry " + failed + " in " + pause.get());
        if (!RetryPolicy.pause(pause.get())) {
            throw new MarketoUnavailable(code, "Interrupted while backing off", null);
        }
        return failed;
    }

    private MarketoApi api() {
        MarketoApi current = api;
        if (current == null) {
            URI base = baseUrl.filter(s -> !s.isBlank()).map(URI::create).orElseGet(sandbox::marketoBase);
            String text = base.toString().endsWith("/") ? base.toString() : base + "/";
            current = RestClientBuilder.newBuilder()
                    .baseUri(URI.create(text))
                    .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .register(new BulkImportFile.Writer())
                    .build(MarketoApi.class);
            api = current;
        }
        return current;
    }

    /** What one attempt produced: an envelope (successful or not) or a transport failure. */
    private record Outcome(JsonObject body, String transportCode, Exception cause) {

        String code() {
            if (transportCode != null) {
                return transportCode;
            }
            JsonArray errors = body == null ? null : body.getJsonArray("errors");
            if (errors == null || errors.isEmpty()) {
                return body != null && body.containsKey("error") ? "identity" : "unknown";
            }
            return errors.getJsonObject(0).getString("code", "unknown");
        }

        String message() {
            if (cause != null) {
                return String.valueOf(cause.getMessage());
            }
            JsonArray errors = body == null ? null : body.getJsonArray("errors");
            return errors == null || errors.isEmpty() ? String.valueOf(body) : errors.getJsonObject(0).getString("message", "");
        }

        boolean retryable() {
            String code = code();
            if (code.startsWith("HTTP ")) {
                int status = Integer.parseInt(code.substring(5));
                return status >= 500 || status == 429;
            }
            return code.equals("timeout") || RETRYABLE.contains(code);
        }
    }
}
