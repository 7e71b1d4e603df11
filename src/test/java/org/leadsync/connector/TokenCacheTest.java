package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one token cache of both connectors. */
class TokenCacheTest {

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
        TokenCache token = new TokenCache(() -> new TokenCache.Grant("t" + fetches.incrementAndGet(), 3600), clock);
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
        TokenCache token = new TokenCache(() -> new TokenCache.Grant("t" + fetches.incrementAndGet(), 3600), new HandClock());
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
        TokenCache token = new TokenCache(() -> new TokenCache.Grant("t" + fetches.incrementAndGet(), 30), clock);
        token.current();
        clock.now = T0.plusSeconds(20);
        token.current();
        assertEquals(1, fetches.get(), "Marketo hands back the same token with its remaining life; use it");
    }
}
