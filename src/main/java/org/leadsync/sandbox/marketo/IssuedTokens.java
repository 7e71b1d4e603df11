package org.leadsync.sandbox.marketo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens handed out by the identity endpoint. Like Marketo, a client asking again while its
 * token is still valid gets the same token with the remaining lifetime.
 */
final class IssuedTokens {

    enum Check { VALID, UNKNOWN, EXPIRED }

    record Issued(String token, long expiresIn) {
    }

    private final Clock clock;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Map<String, String> currentByClient = new ConcurrentHashMap<>();

    IssuedTokens(Clock clock) {
        this.clock = clock;
    }

    synchronized Issued issue(String clientId, Duration ttl) {
        Instant now = clock.instant();
        String current = currentByClient.get(clientId);
        if (current != null) {
            long left = Duration.between(now, expiries.get(current)).getSeconds();
            if (left > 0) {
                return new Issued(current, left);
            }
        }
        String token = UUID.randomUUID() + ":sb";
        expiries.put(token, now.plus(ttl));
        currentByClient.put(clientId, token);
        return new Issued(token, ttl.getSeconds());
    }

    Check check(String token) {
        Instant expiry = token == null ? null : expiries.get(token);
        if (expiry == null) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(expiry) ? Check.VALID : Check.EXPIRED;
    }

    /**
     * Every token issued so far expires now: how tests and demos provoke error 602 mid-run. A client asking
     * the identity endpoint afterwards gets a new token.
     *
     * @return how many tokens were still valid
     */
    synchronized int expireAll() {
        Instant now = clock.instant();
        int valid = 0;
        for (Map.Entry<String, Instant> token : expiries.entrySet()) {
            if (now.isBefore(token.getValue())) {
                valid++;
            }
            token.setValue(now);
        }
        return valid;
    }

    void clear() {
        expiries.clear();
        currentByClient.clear();
    }
}
