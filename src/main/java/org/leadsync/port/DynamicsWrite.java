package org.leadsync.port;

import java.util.Map;

/**
 * One planned create (no id) or update (changed attributes only) of a lead or contact. Lookups are
 * written by logical name with the target's id: `ownerid` → a systemuser, `originatingleadid` → a lead.
 */
public record DynamicsWrite(CrmEntity entity, String id, Map<String, Object> attributes) {

    public static DynamicsWrite create(CrmEntity entity, Map<String, Object> attributes) {
        return new DynamicsWrite(entity, null, attributes);
    }

    public static DynamicsWrite update(CrmEntity entity, String id, Map<String, Object> changed) {
        return new DynamicsWrite(entity, id, changed);
    }

    public boolean isCreate() {
        return id == null;
    }
}
