package org.leadsync.marketo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The cached Marketo access token: fetched on first use, reused until shortly before it expires, and
 * dropped when Marketo says 601/602 so the next call fetches a fresh one (design.md, bite 6).
 */
final class AccessToken {

    /** What the identity endpoint answered. */
    record Grant(String token, long expiresInSeconds) {
    }

    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final Supplier<Grant> identity;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    AccessToken(Supplier<Grant> identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    synchronized String current() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            Instant asked = clock.instant();
            Grant grant = identity.get();
            Duration life = Duration.ofSeconds(Math.max(0, grant.expiresInSeconds()));
            // a token close to its end still gets used, just not for its last tenth (or last minute)
            Duration margin = life.dividedBy(10).compareTo(MARGIN) < 0 ? life.dividedBy(10) : MARGIN;
            token = grant.token();
            refreshAt = asked.plus(life).minus(margin);
        }
        return token;
    }

    /** Marketo rejected `rejected` (601/602): forget it, unless another thread already replaced it. */
    synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }
}
