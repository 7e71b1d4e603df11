package org.leadsync.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The connector's plain-Java edge: token cache, pacing window, backoff, cursor, dates. */
class MarketoEdgeTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void tokenIsCachedUntilShortlyBeforeExpiryThenRefetched() {
        HandClock clock = new HandClock();
        AtomicInteger fetches = new AtomicInteger();
        AccessToken token = new AccessToken(() -> new AccessToken.Grant("t" + fetches.incrementAndGet(), 3600), clock);
        assertEquals("t1", token.current());
        clock.now = T0.plusSeconds(3500);
        assertEquals("t1", token.current(), "still well inside its hour");
        clock.now = T0.plusSeconds(3541);
        assertEquals("t2", token.current(), "refreshed in the last minute");
        assertEquals(2, fetches.get());
    }

    @Test
    void rejectedTokenIsDroppedButANewerOneIsKept() {
        AtomicInteger fetches = new AtomicInteger();
        AccessToken token = new AccessToken(() -> new AccessToken.Grant("t" + fetches.incrementAndGet(), 3600), new HandClock());
        assertEquals("t1", token.current());
        token.invalidate("t1");
        assertEquals("t2", token.current());
        token.invalidate("t1");
        assertEquals("t2", token.current(), "a stale rejection must not throw away the fresh token");
    }

    @Test
    void shortLivedTokenStillGetsUsed() {
        HandClock clock = new HandClock();
        AtomicInteger fetches = new AtomicInteger();
        AccessToken token = new AccessToken(() -> new AccessToken.Grant("t" + fetches.incrementAndGet(), 30), clock);
        token.current();
        clock.now = T0.plusSeconds(20);
        token.current();
        assertEquals(1, fetches.get(), "Marketo hands back the same token with its remaining life; use it");
    }

    @Test
    void pacingAdmitsTheWindowLimitThenAsksToWait() {
        CallPacing pacing = new CallPacing(3, 0, Clock.systemUTC());
        assertEquals(Duration.ZERO, pacing.tryStart(T0));
        assertEquals(Duration.ZERO, pacing.tryStart(T0.plusSeconds(1)));
        assertEquals(Duration.ZERO, pacing.tryStart(T0.plusSeconds(2)));
        Duration wait = pacing.tryStart(T0.plusSeconds(5));
        assertEquals(Duration.ofSeconds(15), wait, "the first call leaves the 20 s window at T0+20");
        assertEquals(Duration.ZERO, pacing.tryStart(T0.plusSeconds(20)));
    }

    @Test
    void pacingOfZeroIsOff() {
        CallPacing pacing = new CallPacing(0, 0, Clock.systemUTC());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Duration.ZERO, pacing.tryStart(T0));
        }
    }

    @Test
    void concurrencyIsBoundedBySlots() throws Exception {
        CallPacing pacing = new CallPacing(0, 2, Clock.systemUTC());
        pacing.acquire();
        pacing.acquire();
        Thread third = new Thread(() -> {
            try {
                pacing.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.start();
        third.join(200);
        assertTrue(third.isAlive(), "a third concurrent call must wait");
        pacing.release();
        third.join(2000);
        assertFalse(third.isAlive());
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsBounded() {
        Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 4, () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 4, () -> 0.999999);
        assertEquals(250, low.delayAfter(1).toMillis());
        assertEquals(499, high.delayAfter(1).toMillis());
        assertEquals(1000, low.delayAfter(3).toMillis());
        assertTrue(high.delayAfter(3).toMillis() <= 2000);
        assertEquals(10_000, low.delayAfter(30).toMillis(), "capped at max, jittered down to half");
        assertTrue(low.allowsRetryAfter(3));
        assertFalse(low.allowsRetryAfter(4));
    }

    @Test
    void cursorCarriesBothTokensOpaquely() {
        ChangeCursor cursor = new ChangeCursor("GIYDAOBNGEYS2MBW====", "GIYDAOBNGEYS2MBX====");
        String text = cursor.encode();
        assertFalse(text.contains("GIYDAOBN"), "opaque: " + text);
        assertEquals(cursor, ChangeCursor.decode(text));
        assertNotEquals(text, new ChangeCursor("GIYDAOBNGEYS2MBW====", "other").encode());
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.decode("mkto1.@@@"));
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.decode("something-else"));
    }

    @Test
    void activityDatesParseInBothDocumentedForms() {
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T22:31:49Z"));
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T22:31:49+0000"));
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T14:31:49-08:00"));
    }
}
