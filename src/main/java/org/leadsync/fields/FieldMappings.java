package org.leadsync.fields;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The saved field set (R2): what the cycle moves and field setup shows. */
@Stateless
public class FieldMappings {

    @PersistenceContext
    EntityManager em;

    public List<FieldMapping> current() {
        return em.createNamedQuery(FieldMapping.ALL, FieldMapping.class).getResultList();
    }

    /**
     * Replaces the whole set in one transaction (docs/api.md: atomic). A field that is new, or now maps to
     * another attribute, waits for its fill from Dynamics; the snapshots of fields that stop syncing
     * are dropped so a later re-add starts afresh instead of merging against stale values.
     */
    public List<FieldMapping> replace(List<MappingLine> lines) {
        Map<String, FieldMapping> before = new HashMap<>();
        current().forEach(m -> before.put(m.marketoField(), m));
        em.createQuery("DELETE FROM FieldMapping").executeUpdate();
        List<FieldMapping> saved = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            MappingLine line = lines.get(i);
            FieldMapping old = before.remove(line.marketoField());
            boolean unchanged = old != null && Objects.equals(old.leadField(), blankToNull(line.leadField()))
                    && Objects.equals(old.contactField(), blankToNull(line.contactField()));
            if (!unchanged) {
                forgetSnapshots(line.marketoField());
            }
            FieldMapping mapping = new FieldMapping(line.marketoField(), blankToNull(line.leadField()),
                    blankToNull(line.contactField()), i, unchanged ? old.backfillPending() : true);
            em.persist(mapping);
            saved.add(mapping);
        }
        before.keySet().forEach(this::forgetSnapshots);
        return saved;
    }

    /**
     * The field's attribute came back after a quarantine (docs/sync-rules.md R23): its snapshots are dropped and it
     * waits for the fill, so Dynamics' first value after the gap decides, as for a newly mapped field (R2).
     */
    public void markForFill(String marketoField) {
        forgetSnapshots(marketoField);
        current().stream().filter(m -> m.marketoField().equals(marketoField)).forEach(FieldMapping::markForFill);
    }

    private void forgetSnapshots(String marketoField) {
        em.createQuery("DELETE FROM FieldSnapshot s WHERE s.marketoField = :field")
                .setParameter("field", marketoField)
                .executeUpdate();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
