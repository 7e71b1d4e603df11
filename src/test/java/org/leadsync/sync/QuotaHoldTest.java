package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** R21: after a quota stop the next cycle waits for the hold or UTC midnight, never less than the interval. */
class QuotaHoldTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration HOLD = Duration.ofHours(1);

    @Test
    void anyOtherOutcomeWaitsTheInterval() {
        assertEquals(INTERVAL, QuotaHold.nextDelay("finished", INTERVAL, HOLD, Instant.parse("2026-11-25T10:00:00Z")));
        assertEquals(INTERVAL, QuotaHold.nextDelay(null, INTERVAL, HOLD, Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void aQuotaStopWaitsTheHold() {
        assertEquals(HOLD, QuotaHold.nextDelay("stopped-quota", INTERVAL, HOLD, Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void butNoLongerThanUntilTheQuotaResetsAtUtcMidnight() {
        assertEquals(Duration.ofMinutes(10).plusSeconds(1),
                QuotaHold.nextDelay("stopped-quota", INTERVAL, HOLD, Instant.parse("2026-11-25T23:50:00Z")));
    }

    @Test
    void andNeverShorterThanTheInterval() {
        assertEquals(INTERVAL, QuotaHold.nextDelay("stopped-quota", INTERVAL, Duration.ofSeconds(4), Instant.parse("2026-11-25T10:00:00Z")));
    }
}
