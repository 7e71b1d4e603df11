package org.leadsync.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadsync.flowaction.FlowActionCalls;
import org.leadsync.connector.ApiCallMeter;
import org.leadsync.connector.DailyCallCap;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.sync.CycleHistory;
import org.leadsync.sync.CycleLease;
import org.leadsync.sync.CycleRun;
import org.leadsync.sync.SyncCursor;
import org.leadsync.sync.SyncLease;
import org.leadsync.sync.SyncScheduler;

/** Assembles /api/sync/status from the lease, the cycle history, the links and the cursors. */
@Stateless
public class SyncStatusService {

    @PersistenceContext
    EntityManager em;

    @Inject
    CycleLease lease;

    @Inject
    CycleHistory history;

    @Inject
    SyncScheduler scheduler;

    @Inject
    ApiCallMeter meter;

    @Inject
    DailyCallCap cap;

    @Inject
    Clock clock;

    @Inject
    FlowActionCalls calls;

    @Inject
    org.leadsync.fields.FieldQuarantine quarantine;

    public SyncStatus status() {
        Instant now = clock.instant();
        SyncLease current = lease.current();
        String state = current.paused() ? "paused" : current.heldAt(now) ? "running" : "idle";
        SyncStatus.LastCycle last = history.latestFinished().map(SyncStatusService::lastCycle).orElse(null);
        return new SyncStatus(state, scheduler.interval().toString(), current.paused(), last,
                scheduler.nextCycleAt().orElse(null), links(), cursors(),
                new SyncStatus.ApiCalls(
                        new SyncStatus.MarketoCalls(meter.within(ApiCallMeter.MARKETO, Duration.ofSeconds(20)),
                                meter.today(ApiCallMeter.MARKETO), dailyCap()),
                        new SyncStatus.DynamicsCalls(meter.within(ApiCallMeter.DYNAMICS, Duration.ofMinutes(5)))),
                errorsSince(now.minus(Duration.ofHours(24))), current.heldAt(now), flowActions(),
                quarantine.current().stream().map(q -> new SyncStatus.Quarantined(q.entity(), q.attribute(),
                        q.marketoField(), q.since(), q.reason())).toList());
    }

    private SyncStatus.DailyCap dailyCap() {
        DailyCallCap.Spending spending = cap.spending();
        Map<String, SyncStatus.PriorityShare> shares = new LinkedHashMap<>();
        spending.usedByPriority().forEach((priority, used) ->
                shares.put(priority, new SyncStatus.PriorityShare(used, cap.stopsAt(priority))));
        return new SyncStatus.DailyCap(spending.cap(), spending.used(), spending.resetsAt(), shares);
    }

    private static SyncStatus.LastCycle lastCycle(CycleRun run) {
        return new SyncStatus.LastCycle(run.startedAt(), run.finishedAt(), run.pulledFromMarketo(),
                run.pulledFromDynamics(), run.writtenToMarketo(), run.writtenToDynamics(), run.collisions(),
                run.failed(), run.outcome());
    }

    private SyncStatus.Links links() {
        Map<LinkState, Long> counts = new LinkedHashMap<>();
        List<Object[]> rows = em.createNamedQuery(RecordLink.COUNT_BY_STATE, Object[].class).getResultList();
        for (Object[] row : rows) {
            counts.put((LinkState) row[0], ((Number) row[1]).longValue());
        }
        return new SyncStatus.Links(counts.getOrDefault(LinkState.ACTIVE, 0L),
                counts.getOrDefault(LinkState.DELETED_IN_DYNAMICS, 0L),
                counts.getOrDefault(LinkState.FILTERED_OUT, 0L));
    }

    private Map<String, SyncStatus.Cursor> cursors() {
        Map<String, SyncStatus.Cursor> cursors = new LinkedHashMap<>();
        for (String name : List.of(SyncCursor.MARKETO, SyncCursor.DYNAMICS_LEADS, SyncCursor.DYNAMICS_CONTACTS,
                SyncCursor.DYNAMICS_SYSTEMUSERS, SyncCursor.DYNAMICS_TEAMS)) {
            SyncCursor cursor = em.find(SyncCursor.class, name);
            cursors.put(name, new SyncStatus.Cursor(cursor == null ? null : cursor.since(), initialSync(name, cursor)));
        }
        return cursors;
    }

    /** A Dynamics feed is in its initial read until its cursor is a delta link (R5). */
    private static String initialSync(String name, SyncCursor cursor) {
        if (SyncCursor.MARKETO.equals(name)) {
            return null;
        }
        if (cursor == null) {
            return "pending";
        }
        return cursor.position().contains("$deltatoken") ? "done" : "running";
    }

    private long errorsSince(Instant since) {
        return em.createQuery("SELECT COUNT(a) FROM ActivityEntry a WHERE a.outcome = 'failed' AND a.occurredAt >= :since",
                        Long.class)
                .setParameter("since", since)
                .getSingleResult();
    }

    private SyncStatus.FlowActions flowActions() {
        FlowActionCalls.Backlog backlog = calls.backlog();
        return new SyncStatus.FlowActions(backlog.pending(), backlog.oldestAcceptedAt());
    }
}
