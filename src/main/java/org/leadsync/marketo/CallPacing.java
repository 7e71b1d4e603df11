package org.leadsync.marketo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * Keeps LeadSync under Marketo's limits before Marketo has to say so (sync-rules.md R21): at most
 * `perWindow` calls started in any 20 s and `maxConcurrent` at once. A limit of 0 is off.
 */
final class CallPacing {

    static final Duration WINDOW = Duration.ofSeconds(20);

    private final int perWindow;
    private final Semaphore concurrent;
    private final Clock clock;
    private final ArrayDeque<Instant> started = new ArrayDeque<>();

    CallPacing(int perWindow, int maxConcurrent, Clock clock) {
        this.perWindow = perWindow;
        this.concurrent = maxConcurrent > 0 ? new Semaphore(maxConcurrent, true) : null;
        this.clock = clock;
    }

    /** Blocks until a call may start; the caller must {@link #release()} after it. */
    void acquire() throws InterruptedException {
        if (concurrent != null) {
            concurrent.acquire();
        }
        try {
            Duration wait;
            while (!(wait = tryStart(clock.instant())).isZero()) {
                Thread.sleep(Math.max(1, wait.toMillis()));
            }
        } catch (InterruptedException e) {
            release();
            throw e;
        }
    }

    void release() {
        if (concurrent != null) {
            concurrent.release();
        }
    }

    /** Records a call starting at `now` and answers zero, or answers how long to wait before trying again. */
    synchronized Duration tryStart(Instant now) {
        if (perWindow <= 0) {
            return Duration.ZERO;
        }
        Instant windowStart = now.minus(WINDOW);
        while (!started.isEmpty() && !started.peekFirst().isAfter(windowStart)) {
            started.pollFirst();
        }
        if (started.size() >= perWindow) {
            Duration wait = Duration.between(windowStart, started.peekFirst());
            return wait.isZero() || wait.isNegative() ? Duration.ofMillis(1) : wait;
        }
        started.addLast(now);
        return Duration.ZERO;
    }
}
