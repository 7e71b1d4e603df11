package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one retry policy of both connectors. */
class RetryPolicyTest {

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsBounded() {
        RetryPolicy low = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(20), 4, () -> 0.0);
        RetryPolicy high = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(20), 4, () -> 0.999999);
        assertEquals(250, low.delayAfter(1, null).toMillis());
        assertEquals(499, high.delayAfter(1, null).toMillis());
        assertEquals(1000, low.delayAfter(3, null).toMillis());
        assertTrue(high.delayAfter(3, null).toMillis() <= 2000);
        assertEquals(10_000, low.delayAfter(30, null).toMillis(), "capped at max, jittered down to half");
        assertTrue(low.allowsRetryAfter(3));
        assertFalse(low.allowsRetryAfter(4));
    }

    @Test
    void backoffHonoursRetryAfterAndOtherwiseGrowsWithJitter() {
        RetryPolicy low = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 6, () -> 0.0);
        RetryPolicy high = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 6, () -> 1.0);
        assertEquals(Duration.ofSeconds(3), low.delayAfter(5, RetryPolicy.retryAfter("3")));
        assertEquals(Duration.ofMillis(50), low.delayAfter(1, null));
        assertEquals(Duration.ofMillis(100), high.delayAfter(1, null));
        assertEquals(Duration.ofMillis(400), high.delayAfter(3, null));
        assertEquals(Duration.ofSeconds(5), high.delayAfter(31, null), "capped");
        assertNull(RetryPolicy.retryAfter("soon"));
    }
}
