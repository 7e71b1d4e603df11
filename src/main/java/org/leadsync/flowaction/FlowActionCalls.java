package org.leadsync.flowaction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The accepted flow-action calls (docs/api.md, Flow action: durable accept), each step committed on its
 * own: the record of a call must outlive whatever happens to the vendors' calls after it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FlowActionCalls {

    /** The longest wait between two background attempts of one call. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    /**
     * Records the call before any vendor call; true when it joined a call for the same person still pending
     * (the first call's request stands). A concurrent insert of the same row fails this transaction: the
     * caller asks again and joins.
     */
    public boolean accept(SyncPersonRequest request, Instant now, Duration foreground) {
        FlowActionCall call = em.find(FlowActionCall.class, new FlowActionCall.Key(FlowActionCall.SYNC_PERSON, request.leadId()),
                LockModeType.PESSIMISTIC_WRITE);
        if (call == null) {
            em.persist(new FlowActionCall(request, now, foreground));
            em.flush();
            return false;
        }
        if (call.pending()) {
            return true;
        }
        call.restart(request, now, foreground);
        return false;
    }

    /**
     * Records another action's call before any vendor call (docs/api.md, Other flow actions); answers when the
     * call was accepted: the pending call it joined (same action, person and parameters) or this one.
     */
    public Instant accept(ActionRequest request, Instant now, Duration foreground) {
        FlowActionCall.Key key = new FlowActionCall.Key(request.callKey(), request.leadId());
        FlowActionCall call = em.find(FlowActionCall.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (call == null) {
            em.persist(new FlowActionCall(request, now, foreground));
            em.flush();
            return now;
        }
        if (!call.pending()) {
            call.pending(now, foreground);
        }
        return call.acceptedAt();
    }

    /** The outcome is known: the call is done (whichever attempt learnt it). */
    public void settle(long personId, String outcome, Instant now) {
        settle(syncPerson(personId), outcome, now);
    }

    public void settle(FlowActionCall.Key key, String outcome, Instant now) {
        find(key, LockModeType.NONE).filter(FlowActionCall::pending).ifPresent(call -> call.settle(outcome, now));
    }

    /** Not known yet: tried again after a wait that doubles with every attempt, from `base` up to five minutes. */
    public int retryLater(long personId, String error, Instant now, Duration base) {
        return retryLater(syncPerson(personId), error, now, base);
    }

    public int retryLater(FlowActionCall.Key key, String error, Instant now, Duration base) {
        Optional<FlowActionCall> found = find(key, LockModeType.NONE).filter(FlowActionCall::pending);
        found.ifPresent(call -> call.retryAt(now.plus(backoff(call.attempts() + 1, base)), error));
        return found.map(FlowActionCall::attempts).orElse(0);
    }

    /** Takes another action's due call for one attempt, as {@link #take} does; answers the call. */
    public Optional<FlowActionCall> takeCall(FlowActionCall.Key key, Instant now, Instant until) {
        return find(key, LockModeType.PESSIMISTIC_WRITE)
                .filter(call -> call.pending() && !call.nextAttemptAt().isAfter(now))
                .map(call -> {
                    call.postpone(until);
                    return call;
                });
    }

    static Duration backoff(int attempt, Duration base) {
        Duration wait = base;
        for (int i = 1; i < attempt && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** The person's CRM fields are to name this record (R1): written with the next batch, not now. False without a call row. */
    public boolean writeBackLater(long personId, org.leadsync.port.CrmEntity entity, String recordId) {
        Optional<FlowActionCall> call = find(personId, LockModeType.PESSIMISTIC_WRITE);
        call.ifPresent(c -> c.writeBack(entity, recordId));
        return call.isPresent();
    }

    /** Up to `max` calls whose CRM fields are yet to be written to Marketo. */
    public List<FlowActionCall> writeBacksDue(int max) {
        return em.createQuery("SELECT c FROM FlowActionCall c WHERE c.writeBackEntity IS NOT NULL ORDER BY c.personId",
                FlowActionCall.class).setMaxResults(max).getResultList();
    }

    /** These write-backs reached Marketo (or Marketo skipped them for good). */
    public void writtenBack(List<FlowActionCall> written) {
        for (FlowActionCall w : written) {
            find(w.personId(), LockModeType.PESSIMISTIC_WRITE).ifPresent(c -> c.writtenBack(w.writeBackEntity(), w.writeBackRecord()));
        }
    }

    /** Pending calls whose next attempt is due, oldest first. */
    public List<FlowActionCall> due(Instant now, int max) {
        return em.createQuery("SELECT c FROM FlowActionCall c WHERE c.state = :pending AND c.nextAttemptAt <= :now"
                        + " ORDER BY c.nextAttemptAt", FlowActionCall.class)
                .setParameter("pending", FlowActionCall.PENDING).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /**
     * Takes a due call for one attempt: moves its next attempt to `until`, unless another instance took it
     * first (its row is locked, or it is no longer due).
     */
    public Optional<SyncPersonRequest> take(long personId, Instant now, Instant until) {
        return find(personId, LockModeType.PESSIMISTIC_WRITE)
                .filter(call -> call.pending() && !call.nextAttemptAt().isAfter(now))
                .map(call -> {
                    call.postpone(until);
                    return call.request();
                });
    }

    /** How many calls are pending, and since when the oldest. */
    public Backlog backlog() {
        long pending = em.createQuery("SELECT COUNT(c) FROM FlowActionCall c WHERE c.state = :pending", Long.class)
                .setParameter("pending", FlowActionCall.PENDING).getSingleResult();
        Instant oldest = em.createQuery("SELECT c FROM FlowActionCall c WHERE c.state = :pending ORDER BY c.acceptedAt",
                        FlowActionCall.class).setParameter("pending", FlowActionCall.PENDING).setMaxResults(1)
                .getResultStream().findFirst().map(FlowActionCall::acceptedAt).orElse(null);
        return new Backlog(pending, oldest);
    }

    public record Backlog(long pending, Instant oldestAcceptedAt) {
    }

    public Optional<FlowActionCall> find(long personId) {
        return find(personId, LockModeType.NONE);
    }

    private Optional<FlowActionCall> find(long personId, LockModeType lock) {
        return find(syncPerson(personId), lock);
    }

    public Optional<FlowActionCall> find(FlowActionCall.Key key) {
        return find(key, LockModeType.NONE);
    }

    private Optional<FlowActionCall> find(FlowActionCall.Key key, LockModeType lock) {
        return Optional.ofNullable(em.find(FlowActionCall.class, key, lock));
    }

    private static FlowActionCall.Key syncPerson(long personId) {
        return new FlowActionCall.Key(FlowActionCall.SYNC_PERSON, personId);
    }
}
