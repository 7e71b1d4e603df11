package org.leadsync.sandbox.dynamics;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.leadsync.sandbox.JsonFactory;
import org.leadsync.sandbox.dynamics.DynamicsTable.Row;

/**
 * `$orderby` on an entity set (Web API, "Order rows using OData"): comma-separated columns, each
 * `asc` (the default) or `desc`. Values compare as Dataverse's SQL Server store does: null is the
 * lowest value (first ascending, last descending), strings case-insensitively as in `$filter`,
 * choice columns by their integer value, lookups by the primary name of the row they point to.
 * The primary key breaks ties, so paging (the `$skiptoken` cursor holds the last row's sort values)
 * never repeats or skips a row.
 */
final class ODataOrder {

    /** One column of the order: its index in the entity and whether it is descending. */
    record Key(int index, boolean descending) {
    }

    /** A row with the values it is sorted by: one per key, then its id. */
    record Sorted(Row row, Object[] values) {
    }

    private final EntityDefinition entity;
    private final List<Key> keys;

    private ODataOrder(EntityDefinition entity, List<Key> keys) {
        this.entity = entity;
        this.keys = keys;
    }

    /** @throws DataverseFault 400 for an unknown column or a malformed item */
    static ODataOrder parse(String text, EntityDefinition entity) {
        List<Key> keys = new ArrayList<>();
        for (String item : text.split(",")) {
            String[] words = item.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "Syntax error in $orderby: '" + text + "'.");
            }
            int index = entity.indexOf(words[0]);
            if (index < 0) {
                throw RowPayload.unknown(entity, words[0]);
            }
            boolean descending = false;
            if (words.length == 2) {
                if (words[1].equalsIgnoreCase("desc")) {
                    descending = true;
                } else if (!words[1].equalsIgnoreCase("asc")) {
                    throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "Syntax error in $orderby: expected 'asc' or 'desc'"
                            + " after '" + words[0] + "' but found '" + words[1] + "'.");
                }
            }
            keys.add(new Key(index, descending));
        }
        return new ODataOrder(entity, List.copyOf(keys));
    }

    List<Key> keys() {
        return keys;
    }

    /**
     * The values `row` sorts by. `lookupName` gives the primary name of the row a lookup value
     * (a GUID string) points to, or null when there is none.
     */
    Sorted sortValues(Row row, Function<AttributeDefinition, Function<Object, Object>> lookupName) {
        Object[] values = new Object[keys.size() + 1];
        for (int i = 0; i < keys.size(); i++) {
            AttributeDefinition attribute = entity.attribute(keys.get(i).index());
            Object value = row.values()[keys.get(i).index()];
            values[i] = attribute.isLookup() && value != null ? lookupName.apply(attribute).apply(value) : value;
        }
        values[keys.size()] = row.id().toString();
        return new Sorted(row, values);
    }

    /** Orders sort values (as {@link #sortValues} makes them and {@link #cursor} reads them back). */
    Comparator<Object[]> comparator() {
        return (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                int c = compareValues(a[i], b[i]);
                if (c != 0) {
                    return keys.get(i).descending() ? -c : c;
                }
            }
            return compareIds((String) a[keys.size()], (String) b[keys.size()]);
        };
    }

    /** Null lowest, numbers and booleans by value, text case-insensitively. */
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : (a == null ? -1 : 1);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    /**
     * Uniqueidentifier order as SQL Server sorts it: the last group of the GUID is the most
     * significant, then the fourth, third, second and first.
     */
    static int compareIds(String a, String b) {
        String[] x = a.toLowerCase().split("-");
        String[] y = b.toLowerCase().split("-");
        for (int i = x.length - 1; i >= 0; i--) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The `$skiptoken` of a page that ended with `last`: its sort values, JSON in base64url. */
    static String token(Object[] last) {
        JsonArrayBuilder array = JsonFactory.JSON.createArrayBuilder();
        for (Object v : last) {
            if (v == null) {
                array.addNull();
            } else if (v instanceof Long l) {
                array.add(l);
            } else if (v instanceof Boolean b) {
                array.add(b);
            } else {
                array.add(v.toString());
            }
        }
        return "o:" + Base64.getUrlEncoder().withoutPadding().encodeToString(array.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort values a `$skiptoken` made by {@link #token} holds; 400 when it is not one of this order's. */
    Object[] cursor(String token) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(token.substring(2)), StandardCharsets.UTF_8);
            JsonArray array;
            try (var reader = JsonFactory.JSON.createReader(new StringReader(json))) {
                array = reader.readArray();
            }
            if (array.size() != keys.size() + 1 || array.get(keys.size()).getValueType() != JsonValue.ValueType.STRING) {
                throw new IllegalArgumentException("wrong length");
            }
            Object[] values = new Object[array.size()];
            for (int i = 0; i < values.length; i++) {
                JsonValue v = array.get(i);
                values[i] = switch (v.getValueType()) {
                    case NULL -> null;
                    case TRUE -> Boolean.TRUE;
                    case FALSE -> Boolean.FALSE;
                    case NUMBER -> ((JsonNumber) v).longValueExact();
                    case STRING -> ((JsonString) v).getString();
                    default -> throw new IllegalArgumentException("unexpected " + v.getValueType());
                };
            }
            return values;
        } catch (RuntimeException e) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "The $skiptoken is not valid for this query.");
        }
    }
}
