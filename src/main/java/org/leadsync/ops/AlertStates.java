package org.leadsync.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Opens and closes incidents with conditional updates, so with several instances exactly one of them wins each
 * change and announces it (docs/api.md, Alerts: once per incident).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AlertStates {

    @PersistenceContext
    EntityManager em;

    /** True when this call opened the incident (it was not open). */
    public boolean open(String rule, String detail, Instant now) {
        ensure(rule, now);
        return em.createQuery("UPDATE AlertState a SET a.firingSince = :now, a.detail = :detail, a.changedAt = :now"
                        + " WHERE a.rule = :rule AND a.firingSince IS NULL")
                .setParameter("now", now).setParameter("detail", cut(detail)).setParameter("rule", rule)
                .executeUpdate() == 1;
    }

    /** True when this call closed an open incident. */
    public boolean close(String rule, Instant now) {
        return em.createQuery("UPDATE AlertState a SET a.firingSince = NULL, a.changedAt = :now"
                        + " WHERE a.rule = :rule AND a.firingSince IS NOT NULL")
                .setParameter("now", now).setParameter("rule", rule)
                .executeUpdate() == 1;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AlertState> all() {
        return em.createQuery("SELECT a FROM AlertState a ORDER BY a.rule", AlertState.class).getResultList();
    }

    private void ensure(String rule, Instant now) {
        if (em.find(AlertState.class, rule) == null) {
            // a concurrent insert by another instance fails this one's commit; its next check finds the row
            em.persist(new AlertState(rule, now));
            em.flush();
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
