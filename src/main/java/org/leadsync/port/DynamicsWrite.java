package org.leadsync.port;

import java.util.Map;

/**
 * One planned create (no id) or update (changed attributes only) of a lead or contact, with the sync's
 * normalised string values (docs/sync-rules.md R7); the connector types them from the metadata.
 */
public record DynamicsWrite(CrmEntity entity, String id, Map<String, String> attributes) {

    public static DynamicsWrite create(CrmEntity entity, Map<String, String> attributes) {
        return new DynamicsWrite(entity, null, attributes);
    }

    public static DynamicsWrite update(CrmEntity entity, String id, Map<String, String> changed) {
        return new DynamicsWrite(entity, id, changed);
    }

    public boolean isCreate() {
        return id == null;
    }
}
