package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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

    /**
     * True when this instance now holds the lease: it was free, expired, or already ours. Every
     * acquisition starts a new epoch ({@link SyncLease#epoch()}), which fences the cycle's commits.
     */
    public boolean tryAcquire(String holder, Instant now) {
        int updated = em.createQuery("UPDATE SyncLease l SET l.holder = :holder, l.expiresAt = :expires, "
                        + "l.epoch = l.epoch + 1, l.version = l.version + 1 WHERE l.name = :name AND l.paused = :notPaused "
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

    /**
     * R4 fencing, in the caller's transaction (a page, a fill, a push) just before it commits: passes only
     * while `holder` still holds epoch `epoch` unexpired, and keeps the lease row locked until that commit,
     * so another instance cannot take the lease between this check and the commit.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void fence(String holder, long epoch, Instant now) {
        // a row lock read (SELECT ... FOR UPDATE), not a bulk UPDATE: a bulk statement would make the provider
        // flush the whole page early, and the page's writes are cheapest flushed once, at its commit
        SyncLease lease = em.find(SyncLease.class, SyncLease.CYCLE);
        em.refresh(lease, LockModeType.PESSIMISTIC_WRITE);
        if (!holder.equals(lease.holder()) || lease.epoch() != epoch || !lease.heldAt(now)) {
            // what the row holds is in the message: a lost lease must be explainable from the log alone
            throw new LeaseLost("This instance no longer holds lease epoch " + epoch + " (the lease row has "
                    + (holder.equals(lease.holder()) ? "this instance" : "holder " + lease.holder()) + ", epoch "
                    + lease.epoch() + ", expiry " + lease.expiresAt() + ", now " + now + "); the work rolls back");
        }
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
