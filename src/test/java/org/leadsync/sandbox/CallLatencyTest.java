package org.leadsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sandbox's per-call latency (docs/sandbox.md, Latency): its median and 99th percentile are the configured ones. */
class CallLatencyTest {

    @Test
    void samplesHaveTheConfiguredMedianAndP99() {
        CallLatency latency = CallLatency.of(Duration.ofMillis(250), Duration.ofSeconds(1), new Random(16));
        long[] millis = new long[40_000];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = latency.sample().toMillis();
        }
        Arrays.sort(millis);
        long p50 = millis[millis.length / 2];
        long p99 = millis[(int) (millis.length * 0.99)];
        assertTrue(Math.abs(p50 - 250) <= 10, "p50 " + p50);
        assertTrue(Math.abs(p99 - 1000) <= 60, "p99 " + p99);
        assertTrue(millis[millis.length - 1] <= 5_000, "the tail is capped at 5 x p99: " + millis[millis.length - 1]);
    }

    @Test
    void aZeroMedianIsNoLatency() {
        CallLatency latency = CallLatency.of(Duration.ZERO, Duration.ofSeconds(1), new Random(1));
        assertTrue(latency.off());
        assertEquals(Duration.ZERO, latency.sample());
    }

    @Test
    void aP99BelowTheMedianMeansAFixedLatency() {
        CallLatency latency = CallLatency.of(Duration.ofMillis(80), Duration.ofMillis(10), new Random(2));
        assertEquals(80, latency.sample().toMillis());
        assertEquals(80, latency.sample().toMillis());
    }
}
