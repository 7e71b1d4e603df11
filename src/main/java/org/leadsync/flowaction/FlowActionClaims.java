package org.leadsync.flowaction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The creation claim of docs/sync-rules.md R15: a database row lock on the person's flow_action_claim row,
 * so concurrent calls for one person, on any instance, run one after another; a waiting call blocks in
 * the database (no polling) and then finds the link the first one committed. A call that dies releases
 * its lock with its connection.
 */
@Stateless
public class FlowActionClaims {

    /** The JPA lock-timeout hint, in milliseconds (portable across providers). */
    private static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";

    @PersistenceContext
    EntityManager em;

    /** Makes sure the person has a claim row to lock; a concurrent insert of the same row is fine. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void prepare(long personId, Instant now) {
        if (em.find(FlowActionClaim.class, personId) != null) {
            return;
        }
        try {
            em.persist(new FlowActionClaim(personId, "flow-action", now));
            em.flush();
        } catch (PersistenceException insertedByAConcurrentCall) {
            // the row exists now, which is all this step needs
        }
    }

    /** Runs `work` holding the person's claim, waiting at most `wait` for a concurrent call to finish. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T whileHolding(long personId, Duration wait, Supplier<T> work) {
        em.find(FlowActionClaim.class, personId, LockModeType.PESSIMISTIC_WRITE,
                Map.of(LOCK_TIMEOUT, Math.max(1, wait.toMillis())));
        return work.get();
    }
}
