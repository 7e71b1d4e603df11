package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leadsync.connector.ApiCallMeter;

/** Keeps the record of each cycle; every call commits on its own so a failed batch cannot erase it. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CycleHistory {

    public static final String INTERRUPTED = "interrupted";

    @PersistenceContext
    EntityManager em;

    @Inject
    ApiCallMeter meter;

    public long start(String holder, Instant now) {
        CycleRun run = new CycleRun(holder, now);
        run.callsAtStart(meter.total(ApiCallMeter.MARKETO), meter.total(ApiCallMeter.DYNAMICS));
        em.persist(run);
        em.flush();
        return run.id();
    }

    /**
     * R4: runs left `running` by an instance that died or lost its lease are closed as `interrupted` by
     * the next holder, before it starts its own.
     */
    public int closeInterrupted(Instant now) {
        List<CycleRun> orphans = em.createQuery("SELECT r FROM CycleRun r WHERE r.finishedAt IS NULL", CycleRun.class)
                .getResultList();
        orphans.forEach(run -> {
            run.callsUnknown(); // the totals at its start were another instance's (or an earlier run's) meter
            run.finish(INTERRUPTED, "Its instance stopped or lost the lease before the cycle ended", now);
        });
        return orphans.size();
    }

    public void add(long runId, CycleCounts counts) {
        em.find(CycleRun.class, runId).add(counts);
    }

    public void finish(long runId, String outcome, String message, Instant now) {
        CycleRun run = em.find(CycleRun.class, runId);
        run.callsAtEnd(meter.total(ApiCallMeter.MARKETO), meter.total(ApiCallMeter.DYNAMICS));
        run.finish(outcome, message, now);
    }

    /** Cycles newest first, older than the run `before` when given (docs/api.md, Cycle history). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<CycleRun> newestFirst(CycleRun before, int limit) {
        var query = before == null ? em.createNamedQuery(CycleRun.NEWEST_FIRST, CycleRun.class)
                : em.createNamedQuery(CycleRun.NEWEST_BEFORE, CycleRun.class)
                        .setParameter("at", before.startedAt()).setParameter("id", before.id());
        return query.setMaxResults(limit).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<CycleRun> find(long id) {
        return Optional.ofNullable(em.find(CycleRun.class, id));
    }

    /** Finished cycles since `from`, oldest first: the throughput chart (docs/api.md, Throughput). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<CycleRun> finishedSince(Instant from) {
        return em.createQuery("SELECT r FROM CycleRun r WHERE r.finishedAt IS NOT NULL AND r.finishedAt >= :from"
                        + " ORDER BY r.finishedAt", CycleRun.class)
                .setParameter("from", from)
                .getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<CycleRun> latestFinished() {
        return em.createNamedQuery(CycleRun.LATEST_FINISHED, CycleRun.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }
}
