package org.leadsync.link;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The write-ahead intents of docs/sync-rules.md R6: recorded before a vendor write, cleared with its page. */
@Stateless
public class WriteIntents {

    /** Keeps IN lists well below every database's parameter limit. */
    private static final int IN_CHUNK = 1000;

    @PersistenceContext
    EntityManager em;

    /** Commits `intents` on their own, before the vendor write they announce. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordBeforeWrite(List<WriteIntent> intents) {
        intents.forEach(em::persist);
    }

    /** Intents left for these persons by a page that did not commit, by person id. */
    public Map<Long, List<WriteIntent>> pendingFor(Collection<Long> personIds) {
        Map<Long, List<WriteIntent>> pending = new HashMap<>();
        List<Long> ids = List.copyOf(personIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            find(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)))
                    .forEach(i -> pending.computeIfAbsent(i.personId(), id -> new ArrayList<>()).add(i));
        }
        return pending;
    }

    /** In the page's transaction: its commit is what makes these persons' intents history. */
    public void clear(Collection<Long> personIds) {
        List<Long> ids = List.copyOf(personIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            find(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK))).forEach(em::remove);
        }
    }

    /**
     * Intents are written by their own transactions, never by the page's: reading them needs no early
     * flush of the page's pending writes (which are cheapest flushed once, at its commit).
     */
    private List<WriteIntent> find(List<Long> personIds) {
        return em.createQuery("SELECT i FROM WriteIntent i WHERE i.personId IN :ids ORDER BY i.id", WriteIntent.class)
                .setParameter("ids", personIds)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
    }
}
