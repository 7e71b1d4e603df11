package org.leadsync.fields;

import java.util.List;
import java.util.Map;
import org.leadsync.dynamics.DynamicsAttribute;
import org.leadsync.link.CrmEntity;
import org.leadsync.marketo.MarketoFieldInfo;

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
