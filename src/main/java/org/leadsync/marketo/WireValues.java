package org.leadsync.marketo;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadsync.connector.JsonFactory;

/** Marketo's JSON values to and from plain Java values, so nothing outside marketo/ sees JSON-P. */
final class WireValues {

    private WireValues() {
    }

    static Object toJava(JsonValue value) {
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                    : ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default -> value.toString();
        };
    }

    static String text(JsonValue value) {
        Object java = toJava(value);
        return java == null ? null : java.toString();
    }

    static JsonObject object(Map<String, ?> values) {
        JsonObjectBuilder builder = JsonFactory.JSON.createObjectBuilder();
        values.forEach((name, value) -> add(builder, name, value));
        return builder.build();
    }

    static void add(JsonObjectBuilder builder, String name, Object value) {
        if (value == null) {
            builder.addNull(name);
        } else if (value instanceof Boolean b) {
            builder.add(name, b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            builder.add(name, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            builder.add(name, new BigDecimal(n.toString()));
        } else {
            builder.add(name, value.toString());
        }
    }

    static Map<String, Object> toJava(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((name, value) -> map.put(name, toJava(value)));
        return map;
    }

    static List<JsonObject> result(JsonObject envelope) {
        JsonArray result = envelope.getJsonArray("result");
        return result == null ? List.of() : result.getValuesAs(JsonObject.class);
    }
}
