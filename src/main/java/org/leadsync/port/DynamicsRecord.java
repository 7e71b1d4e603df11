package org.leadsync.port;

import java.time.Instant;
import java.util.Map;

/** A lead or contact as plain values: attribute logical name (lookups as `_x_value`) → String, Long, Boolean or null. */
public record DynamicsRecord(String id, String etag, Instant modifiedOn, Map<String, Object> attributes) {

    public Object get(String attribute) {
        return attributes.get(attribute);
    }
}
