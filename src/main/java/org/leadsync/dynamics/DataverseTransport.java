package org.leadsync.dynamics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.leadsync.connector.ApiCallMeter;
import org.leadsync.connector.CallPacer;
import org.leadsync.connector.RestClientLife;
import org.leadsync.connector.RetryPolicy;
import org.leadsync.connector.SelfAddress;
import org.leadsync.port.CallPriority;
import org.leadsync.port.DynamicsUnavailable;

/**
 * Sends every Web API call: bearer token (a 401 refreshes once and replays), pacing below the limits,
 * retries of 429 (after `Retry-After`), 5xx and timeouts with backoff and jitter (R6, R21), metering.
 */
@ApplicationScoped
public class DataverseTransport {

    /** An answer read completely, so the connection goes back to the pool at once. */
    public record Answer(int status, String body, String contentType, String entityId) {
    }

    private static final Logger LOG = Logger.getLogger(DataverseTransport.class.getName());

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.requests-per-5min", defaultValue = "5000")
    int requestsPer5Min;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.max-concurrent", defaultValue = "8")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.retry-budget", defaultValue = "PT5M")
    Duration retryBudget;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.read-timeout", defaultValue = "PT2M")
    Duration readTimeout;

    /** A flow action's call gives up sooner: the webhook answers 202 and the retrier tries again (docs/api.md, Flow action). */
    @Inject
    @ConfigProperty(name = "leadsync.dynamics.flow-action-retry-budget", defaultValue = "PT10S")
    Duration flowActionRetryBudget;

    @Inject
    EntraToken token;

    @Inject
    ApiCallMeter meter;

    @Inject
    SelfAddress sandbox;

    private CallPacer pacer;
    private RetryPolicy retries;
    private RetryPolicy flowActionRetries;
    private volatile DataverseApi api;
    private volatile String serviceRoot;

    /** One REST client for the connector's life, closed on undeploy. */
    @PreDestroy
    void stop() {
        RestClientLife.close(api);
    }

    @PostConstruct
    void init() {
        pacer = new CallPacer(requestsPer5Min, Duration.ofMinutes(5), maxConcurrent);
        retries = new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(30), retryBudget,
                () -> ThreadLocalRandom.current().nextDouble());
        flowActionRetries = new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(5),
                flowActionRetryBudget.compareTo(retryBudget) < 0 ? flowActionRetryBudget : retryBudget,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** `https://org.crm.dynamics.com/api/data/v9.2/`: batch parts name their targets under it. */
    public String serviceRoot() {
        client();
        return serviceRoot;
    }

    private DataverseApi client() {
        if (api == null) {
            synchronized (this) {
                if (api == null) {
                    String base = baseUrl.orElseGet(() -> sandbox.dynamicsBase().toString()).replaceAll("/+$", "");
                    serviceRoot = base + "/api/data/v9.2/";
                    ClientRequestFilter bearer = request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.current());
                    ClientRequestFilter odata = request -> {
                        request.getHeaders().putSingle("OData-MaxVersion", "4.0");
                        request.getHeaders().putSingle("OData-Version", "4.0");
                        request.getHeaders().putSingle(HttpHeaders.ACCEPT, "application/json");
                    };
                    api = RestClientBuilder.newBuilder()
                            .baseUri(URI.create(base))
                            .property("microprofile.rest.client.disable.default.mapper", true)
                            // PATCH over the JDK's HttpURLConnection needs Jersey's workaround
                            .property("jersey.config.client.httpUrlConnection.setMethodWorkaround", true)
                            .register(bearer)
                            .register(odata)
                            .register(new BatchBodyWriter(serviceRoot))
                            .connectTimeout(10, TimeUnit.SECONDS)
                            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .build(DataverseApi.class);
                }
            }
        }
        return api;
    }

    /**
     * Sends `call`, retrying what is transient (429, 5xx, timeouts) within `leadsync.dynamics.retry-budget`,
     * after the server's `Retry-After` where it gives one; 2xx and 4xx other than 401/429 come back to the caller.
     */
    public Answer send(String what, Function<DataverseApi, Response> call) {
        DataverseApi client = client();
        boolean refreshed = false;
        long started = System.nanoTime();
        for (int failures = 1; ; failures++) {
            Duration retryAfter = null;
            String problem;
            String usedToken = token.current();
            try {
                pacer.acquire(CallPriority.current().ordinal()); // R21, Priority: a flow action's call goes first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DynamicsUnavailable("Interrupted before " + what);
            }
            try {
                meter.record(ApiCallMeter.DYNAMICS);
                try (Response r = call.apply(client)) {
                    int status = r.getStatus();
                    String body = r.hasEntity() ? r.readEntity(String.class) : null;
                    if (status == 401 && !refreshed) {
                        token.reject(usedToken);
                        refreshed = true;
                        failures--;
                        continue;
                    }
                    if (status == 401) {
                        throw new DynamicsUnavailable(what + ": Dynamics refused a fresh token (HTTP 401)");
                    }
                    if (status != 429 && status != 500 && status != 502 && status != 503 && status != 504) {
                        return new Answer(status, body, r.getHeaderString(HttpHeaders.CONTENT_TYPE), r.getHeaderString("OData-EntityId"));
                    }
                    problem = "HTTP " + status + " " + DataverseError.parse(status, body).message();
                    retryAfter = RetryPolicy.retryAfter(r.getHeaderString("Retry-After"));
                }
            } catch (ProcessingException e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            } finally {
                pacer.release();
            }
            Duration spent = Duration.ofNanos(System.nanoTime() - started);
            boolean flowAction = CallPriority.current() == CallPriority.FLOW_ACTION;
            Optional<Duration> pause = (flowAction ? flowActionRetries : retries).pauseAfter(failures, spent, retryAfter);
            if (pause.isEmpty()) {
                throw new DynamicsUnavailable(what + " failed " + failures + " times in " + spent.toSeconds()
                        + " s (retry budget " + (flowAction ? flowActionRetryBudget : retryBudget) + "): " + problem);
            }
            String last = problem;
            LOG.fine(() -> what + " will be retried in " + pause.get() + ": " + last);
            sleep(pause.get(), what);
        }
    }

    private static void sleep(Duration wait, String what) {
        if (!RetryPolicy.pause(wait)) {
            throw new DynamicsUnavailable("Interrupted while waiting to retry " + what);
        }
    }
}
