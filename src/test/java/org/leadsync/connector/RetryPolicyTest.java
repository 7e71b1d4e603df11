package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one retry policy of both connectors: backoff with jitter, Retry-After first, a budget of time. */
class RetryPolicyTest {

    private static final Duration NOTHING_SPENT = Duration.ZERO;

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsCapped() {
        RetryPolicy low = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(5), () -> 0.0);
        RetryPolicy high = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(5), () -> 0.999999);
        assertEquals(250, low.backoff(1).toMillis());
        assertEquals(499, high.backoff(1).toMillis());
        assertEquals(1000, low.backoff(3).toMillis());
        assertTrue(high.backoff(3).toMillis() <= 2000);
        assertEquals(10_000, low.backoff(30).toMillis(), "capped at max, jittered down to half");
    }

    @Test
    void theVendorsRetryAfterWinsOverBackoff() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(5), () -> 1.0);
        assertEquals(Optional.of(Duration.ofSeconds(3)), policy.pauseAfter(5, NOTHING_SPENT, RetryPolicy.retryAfter("3")));
        assertEquals(Optional.of(Duration.ofMillis(100)), policy.pauseAfter(1, NOTHING_SPENT, null));
        assertEquals(Optional.of(Duration.ofMillis(400)), policy.pauseAfter(3, NOTHING_SPENT, null));
        assertEquals(Duration.ofMillis(1500), RetryPolicy.retryAfter("1.5"));
        assertNull(RetryPolicy.retryAfter("soon"));
        assertNull(RetryPolicy.retryAfter(null));
    }

    @Test
    void aStormIsRiddenOutWhileTheBudgetLastsWhateverTheNumberOfFailures() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(60), () -> 1.0);
        Duration spent = Duration.ZERO;
        int failures = 0;
        Optional<Duration> pause;
        // forty 429s, each asking for one second: all retried, because 40 s fit in the 60 s budget
        while (failures < 40 && (pause = policy.pauseAfter(++failures, spent, Duration.ofSeconds(1))).isPresent()) {
            spent = spent.plus(pause.get());
        }
        assertEquals(40, failures);
        assertEquals(Duration.ofSeconds(40), spent);
        assertEquals(Optional.empty(), policy.pauseAfter(41, Duration.ofSeconds(59), Duration.ofSeconds(2)),
                "a pause that would overrun the budget is not taken");
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.pauseAfter(41, Duration.ofSeconds(59), Duration.ofSeconds(1)));
    }
}
