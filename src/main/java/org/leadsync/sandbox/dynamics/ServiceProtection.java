package org.leadsync.sandbox.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.sandbox.CallLatency;

/**
 * Dataverse's service protection limits per user (docs/sandbox.md; api-limits docs): requests per
 * 5-minute sliding window (a $batch counts once) and concurrent requests; 0 disables a limit.
 */
@ApplicationScoped
public class ServiceProtection {

    static final long WINDOW_NANOS = 300_000_000_000L;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.dynamics.requests-per-5min", defaultValue = "6000")
    int requestsPer5Min;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.dynamics.max-concurrent", defaultValue = "52")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.dynamics.latency.p50", defaultValue = "PT0S")
    java.time.Duration latencyP50;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.dynamics.latency.p99", defaultValue = "PT0S")
    java.time.Duration latencyP99;

    private volatile CallLatency latency;

    /** The Web API's per-request latency (docs/sandbox.md, Latency). */
    CallLatency latency() {
        CallLatency current = latency;
        if (current == null) {
            current = CallLatency.of(latencyP50, latencyP99, new java.util.Random());
            latency = current;
        }
        return current;
    }

    private final Map<String, ArrayDeque<Long>> windows = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** Admits one request of `user` or throws the 429 Dataverse would send; pair with {@link #release}. */
    void admit(String user) {
        if (requestsPer5Min > 0) {
            ArrayDeque<Long> window = windows.computeIfAbsent(user, u -> new ArrayDeque<>());
            long now = System.nanoTime();
            synchronized (window) {
                while (!window.isEmpty() && now - window.peekFirst() >= WINDOW_NANOS) {
                    window.pollFirst();
                }
                if (window.size() >= requestsPer5Min) {
                    long wait = WINDOW_NANOS - (now - window.peekFirst());
                    throw new DataverseFault(429, "0x80072322", "Number of requests exceeded the limit of "
                            + requestsPer5Min + " over time window of 300 seconds.", (int) Math.max(1, (wait + 999_999_999) / 1_000_000_000));
                }
                window.addLast(now);
            }
        }
        AtomicInteger current = inFlight.computeIfAbsent(user, u -> new AtomicInteger());
        if (current.incrementAndGet() > maxConcurrent && maxConcurrent > 0) {
            current.decrementAndGet();
            throw new DataverseFault(429, "0x80072326", "Number of concurrent requests exceeded the limit of "
                    + maxConcurrent + ".", 1);
        }
    }

    void release(String user) {
        AtomicInteger current = inFlight.get(user);
        if (current != null) {
            current.decrementAndGet();
        }
    }

    void reset() {
        windows.clear();
    }
}
