package org.leadsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * R21 (docs/sync-rules.md): after a cycle stopped on Marketo's daily quota the next one waits for the quota to reset
 * (UTC midnight, as the sandbox and Marketo's own "daily" do it) or `leadsync.sync.quota-hold`, whichever comes
 * first, instead of hitting 607 again every interval.
 */
public final class QuotaHold {

    public static final String STOPPED_QUOTA = "stopped-quota";

    private QuotaHold() {
    }

    public static Duration nextDelay(String outcome, Duration interval, Duration hold, Instant now) {
        if (!STOPPED_QUOTA.equals(outcome)) {
            return interval;
        }
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Duration untilReset = Duration.between(now, midnight).plus(1, ChronoUnit.SECONDS);
        Duration wait = hold.compareTo(untilReset) < 0 ? hold : untilReset;
        return wait.compareTo(interval) > 0 ? wait : interval;
    }
}
