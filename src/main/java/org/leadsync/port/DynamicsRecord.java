package org.leadsync.port;

import java.time.Instant;
import java.util.Map;

/**
 * A lead or contact as plain values: attribute logical name → String, Long, Boolean or null. `id` and
 * `originatingLeadId` (the lead a contact was qualified from, docs/sync-rules.md R16) are in
 * {@link DynamicsId} form.
 */
public record DynamicsRecord(String id, String etag, Instant modifiedOn, Map<String, Object> attributes,
                             String originatingLeadId) {

    public DynamicsRecord {
        id = DynamicsId.of(id);
        originatingLeadId = DynamicsId.of(originatingLeadId);
    }

    public DynamicsRecord(String id, String etag, Instant modifiedOn, Map<String, Object> attributes) {
        this(id, etag, modifiedOn, attributes, null);
    }

    public Object get(String attribute) {
        return attributes.get(attribute);
    }
}
