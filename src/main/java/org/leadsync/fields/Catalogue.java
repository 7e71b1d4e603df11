package org.leadsync.fields;

import java.util.List;
import java.util.Map;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;
import org.leadsync.port.MarketoFieldInfo;

/** Both systems' field metadata at one moment: what can be mapped (GET /api/fields). */
public record Catalogue(List<MarketoFieldInfo> marketo, Map<CrmEntity, List<DynamicsAttribute>> dynamics) {

    public MarketoFieldInfo marketoField(String name) {
        return marketo.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    public DynamicsAttribute attribute(CrmEntity entity, String logicalName) {
        return dynamics.getOrDefault(entity, List.of()).stream()
                .filter(a -> a.logicalName().equals(logicalName)).findFirst().orElse(null);
    }
}
