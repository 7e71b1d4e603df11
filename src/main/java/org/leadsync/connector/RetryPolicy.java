package org.leadsync.connector;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed vendor call again and after how long (docs/sync-rules.md R6, R21): the vendor's
 * `Retry-After` when it gave one, otherwise exponential backoff with jitter in [ceiling/2, ceiling], the
 * ceiling doubling from `initial` up to `max`. One policy for both connectors.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final int maxAttempts;
    private final DoubleSupplier random;

    public RetryPolicy(Duration initial, Duration max, int maxAttempts, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** Whether a call that has failed `failures` times may be tried again (at most `maxAttempts` calls in all). */
    public boolean allowsRetryAfter(int failures) {
        return failures < maxAttempts;
    }

    /** The pause after the `failure`-th failure (1-based); the vendor's `retryAfter` wins when given. */
    public Duration delayAfter(int failure, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
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
