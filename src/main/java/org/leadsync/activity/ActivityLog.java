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

    /** Failures across all persons, newest first: the sync-errors view, a page after `filter.before()`. */
    public List<ActivityEntry> failures(SyncErrorQuery filter) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM ActivityEntry a WHERE a.outcome = :failed");
        where(jpql, filter);
        if (filter.before() != null) {
            jpql.append(" AND (a.occurredAt < :at OR (a.occurredAt = :at AND a.id < :id))");
        }
        jpql.append(" ORDER BY a.occurredAt DESC, a.id DESC");
        TypedQuery<ActivityEntry> query = em.createQuery(jpql.toString(), ActivityEntry.class)
                .setMaxResults(filter.limit());
        bind(query, filter);
        if (filter.before() != null) {
            query.setParameter("at", filter.before().occurredAt()).setParameter("id", filter.before().id());
        }
        return query.getResultList();
    }

    /** Failures grouped by code and message, the largest groups first (docs/api.md, Sync errors: summary). */
    public List<FailureGroup> failureGroups(SyncErrorQuery filter) {
        StringBuilder jpql = new StringBuilder("SELECT a.errorCode, a.message, COUNT(a), MIN(a.occurredAt), MAX(a.occurredAt)"
                + " FROM ActivityEntry a WHERE a.outcome = :failed");
        where(jpql, filter);
        jpql.append(" GROUP BY a.errorCode, a.message ORDER BY COUNT(a) DESC, MAX(a.occurredAt) DESC");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class).setMaxResults(filter.limit());
        bind(query, filter);
        return query.getResultList().stream()
                .map(row -> new FailureGroup((String) row[0], (String) row[1], ((Number) row[2]).longValue(),
                        (Instant) row[3], (Instant) row[4]))
                .toList();
    }

    /** How many failures the filters match. */
    public long countFailures(SyncErrorQuery filter) {
        StringBuilder jpql = new StringBuilder("SELECT COUNT(a) FROM ActivityEntry a WHERE a.outcome = :failed");
        where(jpql, filter);
        TypedQuery<Long> query = em.createQuery(jpql.toString(), Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    /** One code and message and how often it happened, first and last. */
    public record FailureGroup(String errorCode, String message, long count, Instant firstAt, Instant lastAt) {
    }

    private static void where(StringBuilder jpql, SyncErrorQuery filter) {
        if (filter.since() != null) {
            jpql.append(" AND a.occurredAt >= :since");
        }
        if (filter.direction() != null) {
            jpql.append(" AND a.direction = :direction");
        }
        if (filter.errorCode() != null) {
            jpql.append(" AND a.errorCode = :code");
        }
        if (filter.message() != null) {
            jpql.append(" AND a.message = :message");
        }
    }

    private static void bind(TypedQuery<?> query, SyncErrorQuery filter) {
        query.setParameter("failed", ActivityOutcome.FAILED.wire());
        if (filter.since() != null) {
            query.setParameter("since", filter.since());
        }
        if (filter.direction() != null) {
            query.setParameter("direction", filter.direction());
        }
        if (filter.errorCode() != null) {
            query.setParameter("code", filter.errorCode());
        }
        if (filter.message() != null) {
            query.setParameter("message", filter.message());
        }
    }
}
