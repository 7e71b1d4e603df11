package org.leadsync.fields;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.MarketoFieldInfo;
import org.leadsync.port.MarketoPersons;

/**
 * Both systems' field metadata (Marketo leads/describe.json, Dynamics EntityDefinitions(...)/Attributes),
 * read once and kept until an admin asks for a refresh: metadata changes rarely and costs API calls.
 */
@ApplicationScoped
public class FieldCatalogue {

    @Inject
    MarketoPersons marketo;

    @Inject
    DynamicsRecords dynamics;

    private volatile Catalogue cached;

    public Catalogue current(boolean refresh) {
        Catalogue catalogue = cached;
        if (catalogue == null || refresh) {
            if (refresh) {
                dynamics.forgetAttributes();
            }
            List<MarketoFieldInfo> marketoFields = marketo.describe();
            Map<CrmEntity, List<DynamicsAttribute>> attributes = new EnumMap<>(CrmEntity.class);
            for (CrmEntity entity : CrmEntity.values()) {
                attributes.put(entity, dynamics.attributes(entity));
            }
            catalogue = new Catalogue(List.copyOf(marketoFields), attributes);
            cached = catalogue;
        }
        return catalogue;
    }
}
