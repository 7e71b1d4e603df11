package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** docs/sync-rules.md R21, Daily cap: spent by priority, bulk first to stop, flow actions last; a new UTC day resets it. */
class DailyCallCapTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void eachPriorityStopsAtItsShareOfTheCap() {
        DailyCallCap cap = new DailyCallCap(100, 0.9, 0.6, clock);
        int bulk = 0;
        while (cap.take("bulk")) {
            bulk++;
        }
        assertEquals(60, bulk, "bulk work stops at 60 % of the cap");
        int incremental = 0;
        while (cap.take("incremental")) {
            incremental++;
        }
        assertEquals(30, incremental, "the incremental sync has what bulk left up to 90 %");
        assertFalse(cap.take("bulk"));
        int flow = 0;
        while (cap.take("flow-action")) {
            flow++;
        }
        assertEquals(10, flow, "flow actions get the rest");
        DailyCallCap.Spending spending = cap.spending();
        assertEquals(100, spending.used());
        assertEquals(60L, spending.usedByPriority().get("bulk"));
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), spending.resetsAt());
    }

    @Test
    void callsOfAHigherPriorityLeaveLessForBulk() {
        DailyCallCap cap = new DailyCallCap(10, 1.0, 0.5, clock);
        for (int i = 0; i < 4; i++) {
            assertTrue(cap.take("flow-action"));
        }
        assertTrue(cap.take("bulk"));
        assertFalse(cap.take("bulk"), "5 of 10 calls are spent: bulk stops at half the cap");
        assertTrue(cap.take("incremental"));
    }

    @Test
    void aNewUtcDayStartsAgain() {
        DailyCallCap cap = new DailyCallCap(2, 1.0, 1.0, clock);
        assertTrue(cap.take("bulk"));
        assertTrue(cap.take("bulk"));
        assertFalse(cap.take("flow-action"));
        now.set(Instant.parse("2026-11-26T00:00:00Z"));
        assertTrue(cap.take("bulk"));
        assertEquals(1, cap.spending().used());
    }

    @Test
    void noCapCountsButNeverRefuses() {
        DailyCallCap cap = new DailyCallCap(0, 0.95, 0.7, clock);
        for (int i = 0; i < 1000; i++) {
            assertTrue(cap.take("bulk"));
        }
        assertEquals(1000, cap.spending().used());
    }

    @Test
    void sharesOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DailyCallCap(10, 0.5, 0.7, clock));
        assertThrows(IllegalArgumentException.class, () -> new DailyCallCap(-1, 0.9, 0.7, clock));
    }
}
