package org.leadsync.activity;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** R20: the activity log. The sync engine and the flow action record; the API reads. */
@Stateless
public class ActivityLog {


    @PersistenceContext
    EntityManager em;

    public ActivityEntry record(ActivityEntry entry) {
        em.persist(entry);
        return entry;
    }

    public Optional<ActivityEntry> find(long id) {
        return Optional.ofNullable(em.find(ActivityEntry.class, id));
    }

    /**
     * A person's entries, newest first, older than `before` when given. Ordered by time then id, because ids come
     * in blocks per instance and are not in time order across a cluster.
     */
    public List<ActivityEntry> ofPerson(long personId, ActivityEntry before, int limit) {
        String older = before == null ? ""
                : " AND (a.occurredAt < :at OR (a.occurredAt = :at AND a.id < :id))";
        TypedQuery<ActivityEntry> query = em.createQuery("SELECT a FROM ActivityEntry a WHERE a.personId = :person"
                        + older + " ORDER BY a.occurredAt DESC, a.id DESC", ActivityEntry.class)
                .setParameter("person", personId)
                .setMaxResults(limit);
        if (before != null) {
            query.setParameter("at", before.occurredAt()).setParameter("id", before.id());
        }
        return query.getResultList();
    }

    /** Failures across all persons, newest first: the sync-errors view. */
    public List<ActivityEntry> failures(SyncErrorQuery filter) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM ActivityEntry a WHERE a.outcome = :failed");
        if (filter.since() != null) {
            jpql.append(" AND a.occurredAt >= :since");
        }
        if (filter.direction() != null) {
            jpql.append(" AND a.direction = :direction");
        }
        if (filter.errorCode() != null) {
            jpql.append(" AND a.errorCode = :code");
        }
        jpql.append(" ORDER BY a.occurredAt DESC, a.id DESC");
        TypedQuery<ActivityEntry> query = em.createQuery(jpql.toString(), ActivityEntry.class)
                .setParameter("failed", ActivityOutcome.FAILED.wire())
                .setMaxResults(filter.limit());
        Instant since = filter.since();
        if (since != null) {
            query.setParameter("since", since);
        }
        if (filter.direction() != null) {
            query.setParameter("direction", filter.direction());
        }
        if (filter.errorCode() != null) {
            query.setParameter("code", filter.errorCode());
        }
        return query.getResultList();
    }
}
