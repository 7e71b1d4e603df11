package org.leadsync.sandbox.dynamics;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a create or update body into column assignments, failing as Dataverse does: unknown
 * attribute (0x80060888), wrong type, MaxLength (0x80044331, message from the Web API docs), range.
 */
final class RowPayload {

    static final String ODATA_ERROR = "0x80060888";
    static final String MAX_LENGTH = "0x80044331";
    static final String OUT_OF_RANGE = "0x80044330";
    private static final Pattern BIND = Pattern.compile("^/?(\\w+)\\(([0-9a-fA-F-]{36})\\)$");

    private RowPayload() {
    }

    /** Column index → stored value; read-only system columns are ignored, as Dataverse does. */
    static Map<Integer, Object> assignments(EntityDefinition entity, JsonObject body, boolean create) {
        Map<Integer, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : body.entrySet()) {
            String key = entry.getKey();
            if (key.endsWith("@odata.bind")) {
                String name = key.substring(0, key.indexOf('@'));
                EntityDefinition.Binding binding = entity.navigation(name).orElseThrow(() -> unknown(entity, name));
                out.put(binding.index(), bound(name, binding, entry.getValue()));
                continue;
            }
            if (key.startsWith("@odata.")) {
                continue;
            }
            int index = entity.indexOf(key);
            if (index < 0 || entity.attribute(index).isLookup()) {
                throw unknown(entity, key);
            }
            AttributeDefinition attribute = entity.attribute(index);
            if (create ? !attribute.validForCreate() : !attribute.validForUpdate()) {
                continue;
            }
            out.put(index, convert(entity, attribute, entry.getValue()));
        }
        return out;
    }

    /** A reference to a row the store checks exists before it writes (docs/sandbox.md, lookups). */
    record Reference(String set, String id) {
    }

    private static Object bound(String property, EntityDefinition.Binding binding, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Matcher m = value instanceof JsonString s ? BIND.matcher(s.getString()) : null;
        if (m == null || !m.matches() || !binding.sets().isEmpty() && !binding.sets().contains(m.group(1))) {
            throw DataverseFault.badRequest(ODATA_ERROR, "Invalid reference '" + value + "' for the '"
                    + property + "' navigation property.");
        }
        return new Reference(m.group(1), m.group(2).toLowerCase());
    }

    private static Object convert(EntityDefinition entity, AttributeDefinition attribute, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String name = attribute.logicalName();
        switch (attribute.attributeType()) {
            case "String", "Memo" -> {
                if (!(value instanceof JsonString s)) {
                    throw typeMismatch(name, value);
                }
                String text = s.getString();
                if (attribute.maxLength() != null && text.length() > attribute.maxLength()) {
                    throw DataverseFault.badRequest(MAX_LENGTH, "A validation error occurred.  The length of the '" + name
                            + "' attribute of the '" + entity.logicalName()
                            + "' entity exceeded the maximum allowed length of '" + attribute.maxLength() + "'.");
                }
                return text;
            }
            case "Boolean" -> {
                if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                    return value == JsonValue.TRUE;
                }
                throw typeMismatch(name, value);
            }
            case "Uniqueidentifier", "DateTime" -> {
                if (!(value instanceof JsonString s)) {
                    throw typeMismatch(name, value);
                }
                return s.getString().toLowerCase();
            }
            default -> {
                if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
                    throw typeMismatch(name, value);
                }
                long number = n.longValue();
                if (attribute.minValue() != null && (number < attribute.minValue() || number > attribute.maxValue())) {
                    throw DataverseFault.badRequest(OUT_OF_RANGE, "A validation error occurred. The value " + number + " of '"
                            + name + "' on record of type '" + entity.logicalName() + "' is outside the valid range. Accepted Values: "
                            + attribute.minValue() + " to " + attribute.maxValue());
                }
                return number;
            }
        }
    }

    static DataverseFault unknown(EntityDefinition entity, String name) {
        return DataverseFault.badRequest(ODATA_ERROR, "Could not find a property named '" + name
                + "' on type 'Microsoft.Dynamics.CRM." + entity.logicalName() + "'.");
    }

    private static DataverseFault typeMismatch(String name, JsonValue value) {
        return DataverseFault.badRequest(ODATA_ERROR, "Cannot convert the literal '" + value
                + "' to the expected type of the '" + name + "' property.");
    }
}
