package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps the record of each cycle; every call commits on its own so a failed batch cannot erase it. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CycleHistory {

    public static final String INTERRUPTED = "interrupted";

    @PersistenceContext
    EntityManager em;

    public long start(String holder, Instant now) {
        CycleRun run = new CycleRun(holder, now);
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
        orphans.forEach(run -> run.finish(INTERRUPTED, "Its instance stopped or lost the lease before the cycle ended", now));
        return orphans.size();
    }

    public void add(long runId, CycleCounts counts) {
        em.find(CycleRun.class, runId).add(counts);
    }

    public void finish(long runId, String outcome, String message, Instant now) {
        em.find(CycleRun.class, runId).finish(outcome, message, now);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<CycleRun> latestFinished() {
        return em.createNamedQuery(CycleRun.LATEST_FINISHED, CycleRun.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }
}
