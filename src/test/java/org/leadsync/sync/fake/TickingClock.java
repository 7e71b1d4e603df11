package org.leadsync.sync.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves one second forward each time it is read: every event gets its own instant, no waiting. */
public final class TickingClock extends Clock {

    private Instant now;

    public TickingClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        now = now.plus(Duration.ofSeconds(1));
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
