package org.leadsync.connector;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls each connector makes to its vendor, for /api/sync/status (`apiCalls`).
 * Keeps one day of call instants at most per system; the pacers do the limiting.
 */
@ApplicationScoped
public class ApiCallMeter {

    public static final String MARKETO = "marketo";
    public static final String DYNAMICS = "dynamics";

    private static final Duration KEPT = Duration.ofMinutes(10);

    private final Map<String, ConcurrentLinkedDeque<Instant>> recent = new ConcurrentHashMap<>();
    private final Map<String, DayCount> today = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> total = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    public void record(String system) {
        Instant now = clock.instant();
        ConcurrentLinkedDeque<Instant> calls = recent.computeIfAbsent(system, s -> new ConcurrentLinkedDeque<>());
        calls.addLast(now);
        prune(calls, now);
        today.computeIfAbsent(system, s -> new DayCount()).increment(LocalDate.ofInstant(now, ZoneOffset.UTC));
        total.computeIfAbsent(system, s -> new AtomicLong()).incrementAndGet();
    }

    /** Calls since this instance started: a cycle's calls are the difference across it (docs/api.md, Cycle history). */
    public long total(String system) {
        AtomicLong count = total.get(system);
        return count == null ? 0 : count.get();
    }

    /** Calls within the last `window` (at most ten minutes back). */
    public long within(String system, Duration window) {
        Instant from = clock.instant().minus(window);
        ConcurrentLinkedDeque<Instant> calls = recent.get(system);
        return calls == null ? 0 : calls.stream().filter(t -> t.isAfter(from)).count();
    }

    /** Calls since midnight UTC (Marketo's daily quota resets on its own clock; this is ours). */
    public long today(String system) {
        DayCount count = today.get(system);
        return count == null ? 0 : count.on(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    private static void prune(ConcurrentLinkedDeque<Instant> calls, Instant now) {
        Instant cutoff = now.minus(KEPT);
        Instant head;
        while ((head = calls.peekFirst()) != null && head.isBefore(cutoff)) {
            calls.pollFirst();
        }
    }

    private static final class DayCount {
        private volatile LocalDate day = LocalDate.MIN;
        private final AtomicLong count = new AtomicLong();

        synchronized void increment(LocalDate on) {
            if (!on.equals(day)) {
                day = on;
                count.set(0);
            }
            count.incrementAndGet();
        }

        long on(LocalDate date) {
            return date.equals(day) ? count.get() : 0;
        }
    }
}
