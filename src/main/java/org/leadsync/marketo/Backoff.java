package org.leadsync.marketo;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter for retryable Marketo failures (606, 615, 5xx, timeouts; R21). */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final int maxAttempts;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, int maxAttempts, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** Whether a call that has failed `failures` times may be tried again. */
    boolean allowsRetryAfter(int failures) {
        return failures < maxAttempts;
    }

    /** The pause after the `failure`-th failure (1-based): random in [ceiling/2, ceiling], ceiling doubling up to max. */
    Duration delayAfter(int failure) {
        long ceiling = initial.toMillis() << Math.min(Math.max(failure - 1, 0), 20);
        ceiling = Math.min(ceiling, max.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
