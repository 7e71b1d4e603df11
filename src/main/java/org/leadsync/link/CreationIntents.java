package org.leadsync.link;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The creation intents of docs/sync-rules.md R6/R10: recorded before Marketo creates persons, cleared with the page. */
@Stateless
public class CreationIntents {

    /** Keeps IN lists well below every database's parameter limit. */
    private static final int IN_CHUNK = 1000;

    @PersistenceContext
    EntityManager em;

    /** Commits an intent per record on its own, before the create it announces; one left by a kill stays as it is. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordBeforeCreate(Collection<String> dynamicsIds, Instant now) {
        Set<String> left = pendingAmong(dynamicsIds);
        for (String id : dynamicsIds) {
            if (left.add(id)) {
                em.persist(new CreationIntent(id, now));
            }
        }
    }

    /** The records among `dynamicsIds` a page that did not commit was about to create persons for. */
    public Set<String> pendingAmong(Collection<String> dynamicsIds) {
        Set<String> pending = new HashSet<>();
        List<String> ids = List.copyOf(dynamicsIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            find(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK))).forEach(i -> pending.add(i.dynamicsId()));
        }
        return pending;
    }

    /** In the page's transaction: its commit links (or logs the failure of) every record it created. */
    public void clear(Collection<String> dynamicsIds) {
        List<String> ids = List.copyOf(dynamicsIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            find(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK))).forEach(em::remove);
        }
    }

    /** Written by their own transactions only, so reading them needs no early flush of the page's writes. */
    private List<CreationIntent> find(List<String> dynamicsIds) {
        return em.createQuery("SELECT i FROM CreationIntent i WHERE i.dynamicsId IN :ids", CreationIntent.class)
                .setParameter("ids", dynamicsIds)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
    }
}
