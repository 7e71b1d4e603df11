package org.leadsync.dynamics;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leadsync.connector.JsonFactory;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsRecord;

/** Translates between OData JSON and plain Java values: the only place row JSON is read or written. */
final class ODataJson {

    /** Lookups written by logical name, bound to their target entity set (Web API, associate on create). */
    private static final Map<String, String> LOOKUP_TARGETS = Map.of("ownerid", "systemusers", "originatingleadid", "leads");

    private ODataJson() {
    }

    static String entitySet(CrmEntity entity) {
        return entity.logicalName() + "s";
    }

    static String primaryId(CrmEntity entity) {
        return entity.logicalName() + "id";
    }

    static JsonObject read(String body) {
        try (var reader = JsonFactory.JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** The lookup of a contact to the lead it was qualified from, as the Web API names it. */
    static final String ORIGINATING_LEAD = "_originatingleadid_value";

    /** A row's owner lookup, as the Web API names it. */
    static final String OWNER = "_ownerid_value";

    static DynamicsRecord record(CrmEntity entity, JsonObject row) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : row.entrySet()) {
            if (!e.getKey().startsWith("@") && !e.getKey().contains("@")) {
                attributes.put(e.getKey(), value(e.getValue()));
            }
        }
        Object modified = attributes.get("modifiedon");
        Object originatingLead = attributes.remove(ORIGINATING_LEAD);
        if (attributes.containsKey(OWNER)) { // the features know the lookup by its logical name (sync-rules R22)
            attributes.put("ownerid", attributes.remove(OWNER));
        }
        return new DynamicsRecord(String.valueOf(attributes.get(primaryId(entity))), row.getString("@odata.etag", null),
                modified == null ? null : Instant.parse(modified.toString()), attributes,
                originatingLead == null ? null : originatingLead.toString());
    }

    static Object value(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                yield n.isIntegral() ? (Object) n.longValue() : n.bigDecimalValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default -> value.toString();
        };
    }

    static String body(Map<String, Object> attributes) {
        JsonObjectBuilder out = JsonFactory.JSON.createObjectBuilder();
        attributes.forEach((name, v) -> {
            String target = LOOKUP_TARGETS.get(name);
            if (target != null) {
                if (v == null) {
                    out.addNull(name + "@odata.bind");
                } else {
                    out.add(name + "@odata.bind", "/" + target + "(" + v + ")");
                }
            } else if (v == null) {
                out.addNull(name);
            } else if (v instanceof Boolean b) {
                out.add(name, b);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                out.add(name, ((Number) v).longValue());
            } else if (v instanceof Number n) {
                out.add(name, new BigDecimal(n.toString()));
            } else {
                out.add(name, v.toString());
            }
        });
        return out.build().toString();
    }

    /** The id in an `OData-EntityId` header: `.../leads(7eb6...)`. */
    static String idFromEntityId(String entityId) {
        if (entityId == null) {
            return null;
        }
        int open = entityId.lastIndexOf('(');
        int close = entityId.lastIndexOf(')');
        return open < 0 || close < open ? null : entityId.substring(open + 1, close);
    }
}
