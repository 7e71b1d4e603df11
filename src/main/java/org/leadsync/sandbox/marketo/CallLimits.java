package org.leadsync.sandbox.marketo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Marketo's enforced limits (docs/sandbox.md; docs/sync-rules.md R21): calls per 20 s (606), concurrent calls
 * (615), daily quota (607). A limit of 0 is off. Only admitted calls count toward the window.
 */
final class CallLimits {

    private static final Duration WINDOW = Duration.ofSeconds(20);

    private final Clock clock;
    private final int perWindow;
    private final int maxConcurrent;
    private final long dailyQuota;
    private final ArrayDeque<Instant> recent = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong today = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private volatile java.time.LocalDate quotaDay = java.time.LocalDate.MIN;

    CallLimits(Clock clock, int perWindow, int maxConcurrent, long dailyQuota) {
        this.clock = clock;
        this.perWindow = perWindow;
        this.maxConcurrent = maxConcurrent;
        this.dailyQuota = dailyQuota;
    }

    /** Admits a call or throws the Marketo error it gets; an admitted call must be {@link #release()}d. */
    void admit() {
        java.time.LocalDate day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        if (!day.equals(quotaDay)) {
            // the quota starts afresh each (UTC) day
            quotaDay = day;
            today.set(0);
        }
        if (dailyQuota > 0 && today.get() >= dailyQuota) {
            throw reject("607", "Daily quota reached");
        }
        synchronized (recent) {
            Instant now = clock.instant();
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
                recent.pollFirst();
            }
            if (perWindow > 0 && recent.size() >= perWindow) {
                throw reject("606", "Max rate limit '" + perWindow + "' exceeded with in '20' secs");
            }
            if (maxConcurrent > 0 && inFlight.get() >= maxConcurrent) {
                throw reject("615", "Concurrent access limit reached");
            }
            recent.addLast(now);
            inFlight.incrementAndGet();
        }
        today.incrementAndGet();
    }

    void release() {
        inFlight.decrementAndGet();
    }

    long rejections() {
        return rejections.get();
    }

    void reset() {
        synchronized (recent) {
            recent.clear();
        }
        today.set(0);
        rejections.set(0);
    }

    private MarketoError reject(String code, String message) {
        rejections.incrementAndGet();
        return new MarketoError(code, message);
    }
}
