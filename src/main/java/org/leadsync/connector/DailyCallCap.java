package org.leadsync.connector;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * LeadSync's own daily budget of Marketo calls (docs/sync-rules.md R21, Daily cap): other integrations share
 * the subscription's quota, so the operator gives LeadSync a cap, and it is spent by priority. Bulk work
 * (initial sync, backfill) stops at `bulk-share` of the cap, the incremental sync at `incremental-share`, and
 * flow actions may use all of it: what is left late in the day goes to the work that matters most. The day is
 * UTC, as the quota's reset in the sandbox; a cap of 0 is off (the calls are still counted for the status).
 */
@ApplicationScoped
public class DailyCallCap {

    /** The priorities in the order they are served; the names are {@code port.CallPriority}'s, lower-cased. */
    public static final List<String> PRIORITIES = List.of("flow-action", "incremental", "bulk");

    @Inject
    @ConfigProperty(name = "leadsync.marketo.daily-cap", defaultValue = "0")
    long cap;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.daily-cap.incremental-share", defaultValue = "0.95")
    double incrementalShare;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.daily-cap.bulk-share", defaultValue = "0.7")
    double bulkShare;

    private Clock clock = Clock.systemUTC();
    private LocalDate day = LocalDate.MIN;
    private final Map<String, Long> used = new LinkedHashMap<>();

    public DailyCallCap() {
    }

    /** A cap outside CDI (tests, tools). */
    public DailyCallCap(long cap, double incrementalShare, double bulkShare, Clock clock) {
        this.cap = cap;
        this.incrementalShare = incrementalShare;
        this.bulkShare = bulkShare;
        this.clock = clock;
        check();
    }

    @PostConstruct
    void check() {
        if (cap < 0 || !(bulkShare >= 0 && bulkShare <= incrementalShare && incrementalShare <= 1)) {
            throw new IllegalArgumentException("leadsync.marketo.daily-cap must be 0 or more and 0 <= bulk-share ("
                    + bulkShare + ") <= incremental-share (" + incrementalShare + ") <= 1");
        }
    }

    /**
     * Spends one call of `priority` (one of {@link #PRIORITIES}, an unknown one counts as incremental) and answers
     * true, or answers false without spending when that priority's part of today's cap is used up.
     */
    public synchronized boolean take(String priority) {
        String p = PRIORITIES.contains(priority) ? priority : "incremental";
        rollOver();
        if (cap > 0 && total() >= stopsAt(p)) {
            return false;
        }
        used.merge(p, 1L, Long::sum);
        return true;
    }

    /** How many calls today's cap lets all priorities together reach before `priority` stops. */
    public long stopsAt(String priority) {
        double share = switch (priority) {
            case "bulk" -> bulkShare;
            case "incremental" -> incrementalShare;
            default -> 1.0;
        };
        return (long) Math.floor(cap * share);
    }

    public long cap() {
        return cap;
    }

    /** Today's spending, for /api/sync/status (docs/api.md, `apiCalls.marketo.dailyCap`). */
    public synchronized Spending spending() {
        rollOver();
        Map<String, Long> byPriority = new LinkedHashMap<>();
        PRIORITIES.forEach(p -> byPriority.put(p, used.getOrDefault(p, 0L)));
        Instant resetsAt = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Spending(cap, total(), byPriority, resetsAt);
    }

    /** Today's calls by priority and when the day ends (UTC). */
    public record Spending(long cap, long used, Map<String, Long> usedByPriority, Instant resetsAt) {
    }

    private long total() {
        return used.values().stream().mapToLong(Long::longValue).sum();
    }

    private void rollOver() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            used.clear();
        }
    }
}
