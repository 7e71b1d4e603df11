package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * R4: take, renew and give back the cycle lease with one conditional UPDATE each, so two
 * instances racing for it cannot both win. Each call commits on its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CycleLease {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "leadsync.sync.lease", defaultValue = "PT2M")
    Duration leaseDuration;

    /** True when this instance now holds the lease: it was free, expired, or already ours. */
    public boolean tryAcquire(String holder, Instant now) {
        int updated = em.createQuery("UPDATE SyncLease l SET l.holder = :holder, l.expiresAt = :expires, "
                        + "l.version = l.version + 1 WHERE l.name = :name AND l.paused = :notPaused "
                        + "AND (l.holder IS NULL OR l.expiresAt IS NULL OR l.expiresAt < :now OR l.holder = :holder)")
                .setParameter("holder", holder)
                .setParameter("expires", now.plus(leaseDuration))
                .setParameter("name", SyncLease.CYCLE)
                .setParameter("now", now)
                .setParameter("notPaused", false)
                .executeUpdate();
        return updated == 1;
    }

    /** Extends a lease we hold; false means another instance took it and we must stop. */
    public boolean renew(String holder, Instant now) {
        int updated = em.createQuery("UPDATE SyncLease l SET l.expiresAt = :expires, l.version = l.version + 1 "
                        + "WHERE l.name = :name AND l.holder = :holder")
                .setParameter("expires", now.plus(leaseDuration))
                .setParameter("name", SyncLease.CYCLE)
                .setParameter("holder", holder)
                .executeUpdate();
        return updated == 1;
    }

    public void release(String holder) {
        em.createQuery("UPDATE SyncLease l SET l.holder = NULL, l.expiresAt = NULL, l.version = l.version + 1 "
                        + "WHERE l.name = :name AND l.holder = :holder")
                .setParameter("name", SyncLease.CYCLE)
                .setParameter("holder", holder)
                .executeUpdate();
    }

    public SyncLease current() {
        SyncLease lease = em.find(SyncLease.class, SyncLease.CYCLE);
        em.refresh(lease);
        return lease;
    }

    /** Pause or resume for every instance; a running cycle finishes its batch and stops at the next check. */
    public SyncLease setPaused(boolean paused) {
        SyncLease lease = em.find(SyncLease.class, SyncLease.CYCLE);
        lease.pause(paused);
        return lease;
    }
}
