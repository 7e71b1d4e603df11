package org.leadsync.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A vendor's bearer token: fetched on first use, reused until shortly before it expires, and dropped
 * when the vendor rejects it (Marketo 601/602, Dataverse 401) so the next call fetches a fresh one and
 * the request is replayed once (docs/sync-rules.md R6). One cache for both connectors.
 */
public final class TokenCache {

    /** What an identity endpoint answered. */
    public record Grant(String token, long expiresInSeconds) {
    }

    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final Supplier<Grant> identity;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public TokenCache(Supplier<Grant> identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    public synchronized String current() {
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

    /** The vendor rejected `rejected`: forget it, unless another thread already replaced it. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }
}
