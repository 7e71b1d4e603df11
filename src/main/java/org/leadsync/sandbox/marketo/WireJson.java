package org.leadsync.sandbox.marketo;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadsync.sandbox.JsonFactory;

/** Plain Java values to and from the JSON the emulator speaks. */
final class WireJson {

    private WireJson() {
    }

    static Object toJava(JsonValue value) {
        if (value == null) {
            return null;
        }
        switch (value.getValueType()) {
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                JsonNumber number = (JsonNumber) value;
                return number.isIntegral() ? (Object) number.longValue() : number.bigDecimalValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case NULL:
                return null;
            default:
                return value.toString();
        }
    }

    static Map<String, Object> toJava(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((k, v) -> map.put(k, toJava(v)));
        return map;
    }

    static JsonObjectBuilder add(JsonObjectBuilder builder, String name, Object value) {
        if (value == null) {
            return builder.addNull(name);
        }
        if (value instanceof Boolean b) {
            return builder.add(name, b);
        }
        if (value instanceof Long || value instanceof Integer) {
            return builder.add(name, ((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return builder.add(name, new java.math.BigDecimal(n.toString()));
        }
        return builder.add(name, value.toString());
    }

    static JsonObject object(Map<String, Object> values) {
        JsonObjectBuilder builder = JsonFactory.JSON.createObjectBuilder();
        values.forEach((k, v) -> add(builder, k, v));
        return builder.build();
    }

    static JsonArrayBuilder nameValues(Map<String, Object> attributes) {
        JsonArrayBuilder array = JsonFactory.JSON.createArrayBuilder();
        attributes.forEach((k, v) -> array.add(add(JsonFactory.JSON.createObjectBuilder().add("name", k), "value", v)));
        return array;
    }

    static List<String> csv(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
