package org.leadsync.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the alert rules look at, read at one instant, and the rules themselves as plain Java (docs/api.md, Alerts):
 * each rule answers a sentence when it fires, or null when it holds.
 */
public record AlertFacts(Instant now, long errorsLastHour, Instant lastFinishedAt, Instant runningSince,
                         String lastOutcome, double marketoDailyPercent, double marketoWindowPercent,
                         double dynamicsWindowPercent, boolean paused) {

    /**
     * The thresholds: more than `errorsPerHour` failures (negative: off; 0 alerts on the first), no cycle finished for
     * `noCycleFor` (zero: off), a quota more than `quotaPercent` used (0: off).
     */
    public record Thresholds(long errorsPerHour, Duration noCycleFor, double quotaPercent) {
    }

    public Map<AlertRule, String> firing(Thresholds limits) {
        Map<AlertRule, String> firing = new EnumMap<>(AlertRule.class);
        if (limits.errorsPerHour() >= 0 && errorsLastHour > limits.errorsPerHour()) {
            firing.put(AlertRule.ERRORS_LAST_HOUR, errorsLastHour + " sync failures in the last hour (alert above "
                    + limits.errorsPerHour() + ").");
        }
        if (!limits.noCycleFor().isZero()) {
            Instant since = lastFinishedAt != null ? lastFinishedAt : runningSince;
            if (since != null && Duration.between(since, now).compareTo(limits.noCycleFor()) > 0) {
                firing.put(AlertRule.NO_FINISHED_CYCLE, "No cycle has finished since " + since
                        + (paused ? " (the sync is paused)." : "."));
            }
        }
        // the daily quota only: the 20-s and 5-min windows fill up by design while the pacers hold calls below them
        // (sync-rules.md R21), so an alert on them would come and go all day
        if (limits.quotaPercent() > 0 && marketoDailyPercent > limits.quotaPercent()) {
            firing.put(AlertRule.QUOTA_ABOVE, "Marketo's daily API quota is " + marketoDailyPercent + " % used (alert above "
                    + limits.quotaPercent() + " %); now " + marketoWindowPercent + " % of the 20-s window and "
                    + dynamicsWindowPercent + " % of Dynamics' 5-min window.");
        }
        if ("stopped-quota".equals(lastOutcome)) {
            firing.put(AlertRule.DAILY_QUOTA_STOP, "The last cycle stopped because Marketo's daily API quota is used up;"
                    + " the sync waits for the quota to reset.");
        }
        if ("lost-lease".equals(lastOutcome)) {
            firing.put(AlertRule.LEASE_LOST, "The last cycle lost its lease to another instance: check that the"
                    + " instances share one database and that cycles finish within leadsync.sync.lease.");
        }
        return firing;
    }
}
