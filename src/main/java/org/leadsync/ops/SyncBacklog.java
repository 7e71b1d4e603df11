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
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.sync.CycleHistory;
import org.leadsync.sync.CycleRun;
import org.leadsync.sync.SyncCursor;

/**
 * What is waiting to be synced (docs/api.md, Backlog), from LeadSync's own tables only: no vendor call, so the
 * console may ask every few seconds. A feed's oldest waiting change is at most as old as the instant it was read up
 * to; the initial read of a Dynamics table shows how many records it has linked and how fast the last hour went.
 */
@Stateless
public class SyncBacklog {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    FlowActionCalls calls;

    @Inject
    CycleHistory history;

    public Backlog backlog() {
        Instant now = clock.instant();
        Map<String, Feed> feeds = new LinkedHashMap<>();
        for (String name : List.of(SyncCursor.MARKETO, SyncCursor.DYNAMICS_LEADS, SyncCursor.DYNAMICS_CONTACTS)) {
            SyncCursor cursor = em.find(SyncCursor.class, name);
            Instant since = cursor == null ? null : cursor.since();
            Instant readUpTo = cursor == null ? null : cursor.readUpTo();
            Duration lag = readUpTo == null ? null : Duration.between(readUpTo, now).withNanos(0);
            feeds.put(name, new Feed(readUpTo, lag == null || lag.isNegative() ? Duration.ZERO : lag,
                    cursor != null && since == null, initial(name, cursor)));
        }
        FlowActionCalls.Backlog flow = calls.backlog();
        long fills = em.createQuery("SELECT COUNT(m) FROM FieldMapping m WHERE m.backfillPending = :pending", Long.class)
                .setParameter("pending", true).getSingleResult();
        long readLastHour = history.finishedSince(now.minus(Duration.ofHours(1))).stream()
                .mapToLong(CycleRun::pulledFromDynamics).sum();
        return new Backlog(now, feeds, readLastHour, new Queue(flow.pending(), flow.oldestAcceptedAt()), fills);
    }

    private Initial initial(String name, SyncCursor cursor) {
        if (SyncCursor.MARKETO.equals(name)) {
            return null;
        }
        String state = cursor == null ? "pending" : cursor.position().contains("$deltatoken") ? "done" : "running";
        CrmEntity entity = SyncCursor.DYNAMICS_LEADS.equals(name) ? CrmEntity.LEAD : CrmEntity.CONTACT;
        long linked = em.createQuery("SELECT COUNT(l) FROM RecordLink l WHERE l.entity = :entity", Long.class)
                .setParameter("entity", entity).getSingleResult();
        return new Initial(state, linked);
    }

    /** The body of GET /api/sync/backlog. */
    public record Backlog(Instant at, Map<String, Feed> feeds, long dynamicsRowsReadLastHour, Queue flowActions,
                          long fieldsToFill) {
    }

    /**
     * `readUpTo`: changes up to this instant are synced, so the oldest waiting change is no older; `lag`: how long
     * ago that was; `pagesWaiting`: a paged read is under way (more pages of the same read are waiting).
     */
    public record Feed(Instant readUpTo, Duration lag, boolean pagesWaiting, Initial initialSync) {
    }

    /** A Dynamics table's first full read: `pending`, `running` or `done`, and the records of that table linked. */
    public record Initial(String state, long linked) {
    }

    public record Queue(long pending, Instant oldestAcceptedAt) {
    }
}
