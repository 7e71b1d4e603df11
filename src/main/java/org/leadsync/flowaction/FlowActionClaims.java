package org.leadsync.flowaction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;

/**
 * Takes and gives back the creation claim of R15, each in its own short transaction, so the unique key
 * of flow_action_claim (not a JVM lock) decides which of several concurrent calls creates the lead.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FlowActionClaims {

    /** A call that died holding a claim must not block the person forever. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    @PersistenceContext
    EntityManager em;

    /** True when this call now holds the person's claim; false when another call holds a fresh one. */
    public boolean tryClaim(long personId, String holder, Instant now) {
        int taken = em.createQuery("UPDATE FlowActionClaim c SET c.holder = :holder, c.claimedAt = :now "
                        + "WHERE c.personId = :person AND c.claimedAt < :stale")
                .setParameter("holder", holder)
                .setParameter("now", now)
                .setParameter("person", personId)
                .setParameter("stale", now.minus(STALE_AFTER))
                .executeUpdate();
        if (taken == 1) {
            return true;
        }
        try {
            em.persist(new FlowActionClaim(personId, holder, now));
            em.flush();
            return true;
        } catch (PersistenceException alreadyClaimed) {
            return false;
        }
    }

    public void release(long personId, String holder) {
        em.createQuery("DELETE FROM FlowActionClaim c WHERE c.personId = :person AND c.holder = :holder")
                .setParameter("person", personId)
                .setParameter("holder", holder)
                .executeUpdate();
    }
}
