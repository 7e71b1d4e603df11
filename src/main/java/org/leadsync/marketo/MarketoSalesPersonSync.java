package org.leadsync.marketo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadsync.connector.JsonFactory;
import org.leadsync.port.CrmFields;
import org.leadsync.port.MarketoSalesPersons;
import org.leadsync.port.Owner;
import org.leadsync.port.RecordOutcome;

/**
 * Dynamics owners as Marketo sales persons (docs/sync-rules.md R22): Sync Sales Persons, createOrUpdate with
 * `dedupeBy` `dedupeFields` (the object's one dedupe field, externalSalesPersonId = the owner's id), 300 per call.
 */
@ApplicationScoped
public class MarketoSalesPersonSync implements MarketoSalesPersons {

    @Inject
    MarketoGateway gateway;

    @Override
    public List<RecordOutcome> syncSalesPersons(List<Owner> owners) {
        List<RecordOutcome> outcomes = new ArrayList<>(owners.size());
        for (int from = 0; from < owners.size(); from += MarketoConnector.BATCH) {
            List<Owner> batch = owners.subList(from, Math.min(owners.size(), from + MarketoConnector.BATCH));
            JsonArrayBuilder input = JsonFactory.JSON.createArrayBuilder();
            batch.forEach(owner -> input.add(WireValues.object(salesPerson(owner))));
            JsonObject body = JsonFactory.JSON.createObjectBuilder().add("action", SyncAction.CREATE_OR_UPDATE.wireName)
                    .add("dedupeBy", "dedupeFields").add("input", input).build();
            JsonObject answer = gateway.call("sync sales persons", api -> bearer -> api.syncSalesPersons(bearer, body));
            outcomes.addAll(MarketoConnector.outcomes(from, batch.size(), answer));
        }
        return outcomes;
    }

    /** Empty values are sent as null, so a value cleared in Dynamics is cleared on the sales person too. */
    static Map<String, Object> salesPerson(Owner owner) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(CrmFields.SALES_PERSON, owner.id());
        fields.put("email", owner.email());
        fields.put("firstName", owner.firstName());
        fields.put("lastName", owner.lastName());
        fields.put("phone", owner.phone());
        fields.put("title", owner.title());
        return fields;
    }
}
