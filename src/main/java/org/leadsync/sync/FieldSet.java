package org.leadsync.sync;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadsync.fields.FieldMapping;
import org.leadsync.port.CrmEntity;

/**
 * R2: the mapped fields that sync for one entity, Marketo name → Dynamics attribute. Everything the
 * merge sees is keyed by Marketo name; this is the only place the two namings meet.
 */
public final class FieldSet {

    private final CrmEntity entity;
    private final Map<String, String> attributeByField;

    private FieldSet(CrmEntity entity, Map<String, String> attributeByField) {
        this.entity = entity;
        this.attributeByField = attributeByField;
    }

    public static FieldSet of(CrmEntity entity, List<FieldMapping> mappings) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (FieldMapping mapping : mappings) {
            String attribute = mapping.attributeFor(entity);
            if (attribute != null) {
                pairs.put(mapping.marketoField(), attribute);
            }
        }
        return new FieldSet(entity, pairs);
    }

    /**
     * The fields the feeds merge: a field marked for its fill is left to the fill, so a cycle that started
     * before the set was saved cannot decide it by R8 first (docs/sync-rules.md R2, fill of newly mapped fields).
     */
    public static FieldSet settled(CrmEntity entity, List<FieldMapping> mappings) {
        return of(entity, mappings.stream().filter(m -> !m.backfillPending()).toList());
    }

    /** Without the fields whose attribute is in `attributes` (in quarantine, docs/sync-rules.md R23). */
    public FieldSet withoutAttributes(Set<String> attributes) {
        if (attributes.isEmpty()) {
            return this;
        }
        Map<String, String> pairs = new LinkedHashMap<>(attributeByField);
        pairs.values().removeAll(attributes);
        return new FieldSet(entity, pairs);
    }

    /** The Marketo field mapped to `attribute`, or null. */
    public String fieldOf(String attribute) {
        return attributeByField.entrySet().stream().filter(e -> e.getValue().equals(attribute)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** Only the given Marketo fields (a fill of newly added mappings). */
    public FieldSet only(Set<String> marketoFields) {
        Map<String, String> pairs = new LinkedHashMap<>(attributeByField);
        pairs.keySet().retainAll(marketoFields);
        return new FieldSet(entity, pairs);
    }

    public CrmEntity entity() {
        return entity;
    }

    public List<String> marketoFields() {
        return List.copyOf(attributeByField.keySet());
    }

    public List<String> attributes() {
        return List.copyOf(attributeByField.values());
    }

    public String attributeOf(String marketoField) {
        return attributeByField.get(marketoField);
    }

    /** A record's values re-keyed by Marketo field name, ready for {@link FieldMerge}. */
    public Map<String, Object> byMarketoField(Map<String, Object> recordAttributes) {
        Map<String, Object> values = new HashMap<>();
        attributeByField.forEach((field, attribute) -> values.put(field, recordAttributes.get(attribute)));
        return values;
    }

    /** Values keyed by Marketo field, re-keyed by Dynamics attribute for a write. */
    public Map<String, Object> byAttribute(Map<String, ?> marketoKeyed) {
        Map<String, Object> values = new LinkedHashMap<>();
        marketoKeyed.forEach((field, value) -> {
            String attribute = attributeByField.get(field);
            if (attribute != null) {
                values.put(attribute, value);
            }
        });
        return values;
    }

    /** True when the record's mapped values all equal the snapshot: nothing changed on the Dynamics side (R7). */
    public boolean matchesSnapshot(Map<String, Object> recordAttributes, Map<String, String> snapshot) {
        for (Map.Entry<String, String> pair : attributeByField.entrySet()) {
            if (!snapshot.containsKey(pair.getKey())
                    || !FieldValue.same(snapshot.get(pair.getKey()), recordAttributes.get(pair.getValue()))) {
                return false;
            }
        }
        return true;
    }
}
