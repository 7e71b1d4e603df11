package org.leadsync.connector;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed vendor call again and after how long (docs/sync-rules.md R6, R21): within a
 * budget of time, not a fixed count, so a throttling storm is ridden out as long as the budget lasts. The
 * pause is the vendor's `Retry-After` when it gave one, otherwise exponential backoff with jitter in
 * [ceiling/2, ceiling], the ceiling doubling from `initial` up to `max`. One policy for both connectors.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final Duration budget;
    private final DoubleSupplier random;

    public RetryPolicy(Duration initial, Duration max, Duration budget, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.budget = budget;
        this.random = random;
    }

    /**
     * The pause before trying again after the `failure`-th failure (1-based) of a call that has spent
     * `spent` so far, or empty when waiting would overrun the budget: the caller gives up.
     */
    public Optional<Duration> pauseAfter(int failure, Duration spent, Duration retryAfter) {
        Duration pause = retryAfter != null ? retryAfter : backoff(failure);
        return spent.plus(pause).compareTo(budget) > 0 ? Optional.empty() : Optional.of(pause);
    }

    /** Exponential backoff with jitter after the `failure`-th failure (1-based). */
    Duration backoff(int failure) {
        long ceiling = initial.toMillis() << Math.min(Math.max(failure - 1, 0), 20);
        ceiling = Math.min(ceiling, max.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /** An HTTP `Retry-After` in seconds (what Dataverse sends), or null when absent or not a number. */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Sleeps `pause`; an interrupt is kept on the thread and answered false so the caller gives up. */
    public static boolean pause(Duration pause) {
        try {
            Thread.sleep(Math.max(0, pause.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
