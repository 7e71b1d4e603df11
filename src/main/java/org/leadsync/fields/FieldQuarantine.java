package org.leadsync.fields;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.leadsync.port.CrmEntity;

/**
 * docs/sync-rules.md R23: the mapped fields set aside because their Dynamics attribute is gone, in the caller's
 * transaction (a feed page quarantines with its own commit). What status, field setup and alerts read.
 */
@Stateless
public class FieldQuarantine {

    @PersistenceContext
    EntityManager em;

    /** Tells the alerts (docs/api.md, Alerts: field quarantined); they observe it after the commit. */
    @Inject
    Event<FieldQuarantineChange> changes;

    /** Every field in quarantine now, oldest first. */
    public List<QuarantinedField> current() {
        return em.createNamedQuery(QuarantinedField.ALL, QuarantinedField.class).getResultList();
    }

    /** The attributes of `entity` in quarantine: the feeds leave them out. */
    public Set<String> attributes(CrmEntity entity) {
        return current().stream().filter(q -> q.entity().equals(entity.logicalName()))
                .map(QuarantinedField::attribute).collect(Collectors.toSet());
    }

    /** Sets the field aside; false when it already was (it is logged once). */
    public boolean quarantine(CrmEntity entity, String attribute, String marketoField, String reason, Instant now) {
        if (em.find(QuarantinedField.class, QuarantinedField.key(entity.logicalName(), attribute)) != null) {
            return false;
        }
        em.persist(new QuarantinedField(entity.logicalName(), attribute, marketoField, now, reason));
        if (changes != null) {
            changes.fire(new FieldQuarantineChange(marketoField, true, reason));
        }
        return true;
    }

    public void lift(CrmEntity entity, String attribute) {
        QuarantinedField found = em.find(QuarantinedField.class, QuarantinedField.key(entity.logicalName(), attribute));
        if (found != null) {
            em.remove(found);
            if (changes != null) {
                changes.fire(new FieldQuarantineChange(found.marketoField(), false, found.reason()));
            }
        }
    }
}
