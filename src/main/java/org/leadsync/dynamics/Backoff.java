package org.leadsync.dynamics;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before retrying (R6): the server's `Retry-After` when it gave one, otherwise
 * exponential backoff with jitter (half fixed, half random) capped at `max`.
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** @param attempt 0 for the first retry */
    public Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(attempt, 20)));
        return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling / 2.0)));
    }

    /** `Retry-After` in seconds (Dataverse sends seconds) or null. */
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
}
