package org.leadsync.sandbox.marketo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The emulated sales persons (docs/sandbox.md, Sales persons): Marketo's lead database object whose one dedupe field
 * is `externalSalesPersonId`; a person whose `externalSalesPersonId` names one shows its Lead Owner fields.
 */
final class SalesPersonStore {

    /** The object's fields as salespersons/describe.json reports them: name, display name, type, length, updateable. */
    static final List<MarketoField> FIELDS = List.of(
            new MarketoField(1, "id", "Marketo Id", "integer", null, true),
            new MarketoField(2, "createdAt", "Created At", "datetime", null, true),
            new MarketoField(3, "updatedAt", "Updated At", "datetime", null, true),
            new MarketoField(4, "externalSalesPersonId", "External Sales Person Id", "string", 255, false),
            new MarketoField(5, "email", "Email", "email", 255, false),
            new MarketoField(6, "firstName", "First Name", "string", 255, false),
            new MarketoField(7, "lastName", "Last Name", "string", 255, false),
            new MarketoField(8, "phone", "Phone", "phone", 255, false),
            new MarketoField(9, "mobilePhone", "Mobile Phone", "phone", 255, false),
            new MarketoField(10, "fax", "Fax", "phone", 255, false),
            new MarketoField(11, "title", "Title", "string", 255, false));

    /** Lead Owner field of a person → the sales-person field it shows (the person's lookup fields). */
    static final Map<String, String> OWNER_FIELDS = ownerFields();

    private static final Set<String> FILTER_TYPES = Set.of("id", "dedupeFields", "externalSalesPersonId", "email");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Clock clock;
    private final Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
    private final Map<String, Long> byExternalId = new LinkedHashMap<>();
    private long nextId = 1;

    SalesPersonStore(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, String> ownerFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("leadOwnerFirstName", "firstName");
        fields.put("leadOwnerLastName", "lastName");
        fields.put("leadOwnerEmail", "email");
        fields.put("leadOwnerPhone", "phone");
        fields.put("leadOwnerJobTitle", "title");
        return fields;
    }

    synchronized void reset() {
        byId.clear();
        byExternalId.clear();
        nextId = 1;
    }

    synchronized int count() {
        return byId.size();
    }

    static MarketoField field(String name) {
        return FIELDS.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The Lead Owner fields a person linked to `externalSalesPersonId` shows (all null when no such sales person). */
    synchronized Map<String, Object> ownerFieldsOf(Object externalSalesPersonId) {
        Long id = externalSalesPersonId == null ? null : byExternalId.get(externalSalesPersonId.toString());
        Map<String, Object> salesPerson = id == null ? Map.of() : byId.get(id);
        Map<String, Object> out = new LinkedHashMap<>();
        OWNER_FIELDS.forEach((leadField, field) -> out.put(leadField, salesPerson.get(field)));
        return out;
    }

    /** Sync Sales Persons: `action` createOrUpdate/createOnly/updateOnly, `dedupeBy` dedupeFields or idOnly. */
    synchronized List<RecordResult> sync(String action, String dedupeBy, List<Map<String, Object>> input) {
        List<RecordResult> results = new ArrayList<>(input.size());
        for (Map<String, Object> record : input) {
            results.add(syncOne(action, dedupeBy, record));
        }
        return results;
    }

    private RecordResult syncOne(String action, String dedupeBy, Map<String, Object> record) {
        for (Map.Entry<String, Object> entry : record.entrySet()) {
            MarketoField field = field(entry.getKey());
            if (field == null) {
                return RecordResult.skipped(null, "1006", "Field '" + entry.getKey() + "' not found");
            }
            if (field.readOnly() && !(field.name().equals("id") && dedupeBy.equals("idOnly"))) {
                return RecordResult.skipped(null, "1003", "Field '" + field.name() + "' is not updateable");
            }
            Object value = entry.getValue();
            if (value != null && field.dataType().equals("email") && !value.toString().isEmpty()
                    && !EMAIL.matcher(value.toString()).matches()) {
                return RecordResult.skipped(null, "1003", "Invalid email address '" + value + "'");
            }
            if (value != null && field.length() != null && value.toString().length() > field.length()) {
                return RecordResult.skipped(null, "1003", "Value for field '" + field.name() + "' exceeds maximum length of " + field.length());
            }
        }
        Long existing;
        if (dedupeBy.equals("idOnly")) {
            Object id = record.get("id");
            if (id == null) {
                return RecordResult.skipped(null, "1003", "Value for 'id' not specified");
            }
            existing = byId.containsKey(toLong(id)) ? toLong(id) : null;
        } else {
            Object key = record.get("externalSalesPersonId");
            if (key == null || key.toString().isEmpty()) {
                return RecordResult.skipped(null, "1003", "Value for 'externalSalesPersonId' not specified");
            }
            existing = byExternalId.get(key.toString());
        }
        if (existing != null && action.equals("createOnly")) {
            return RecordResult.skipped(existing, "1005", "Sales person already exists");
        }
        if (existing == null && (action.equals("updateOnly") || dedupeBy.equals("idOnly"))) {
            return RecordResult.skipped(null, "1013", "Sales person not found");
        }
        String now = MarketoTime.format(clock.instant());
        if (existing == null) {
            long id = nextId++;
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("id", id);
            record.forEach((k, v) -> {
                if (!k.equals("id")) {
                    created.put(k, v);
                }
            });
            created.put("createdAt", now);
            created.put("updatedAt", now);
            byId.put(id, created);
            byExternalId.put(created.get("externalSalesPersonId").toString(), id);
            return RecordResult.ok(id, "created");
        }
        Map<String, Object> current = byId.get(existing);
        Object oldKey = current.get("externalSalesPersonId");
        record.forEach((k, v) -> {
            if (!k.equals("id")) {
                current.put(k, v);
            }
        });
        current.put("updatedAt", now);
        if (!Objects.equals(oldKey, current.get("externalSalesPersonId"))) {
            byExternalId.remove(String.valueOf(oldKey));
            byExternalId.put(String.valueOf(current.get("externalSalesPersonId")), existing);
        }
        return RecordResult.ok(existing, "updated");
    }

    /** Query: `filterType` id, dedupeFields (= externalSalesPersonId), externalSalesPersonId or email. */
    synchronized List<Map<String, Object>> find(String filterType, Collection<String> values) {
        if (!FILTER_TYPES.contains(filterType)) {
            throw MarketoError.invalid("Invalid filterType '" + filterType + "'");
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (String value : values) {
            for (Map<String, Object> salesPerson : byId.values()) {
                Object key = switch (filterType) {
                    case "id" -> salesPerson.get("id");
                    case "email" -> salesPerson.get("email");
                    default -> salesPerson.get("externalSalesPersonId");
                };
                if (key != null && (filterType.equals("email") ? key.toString().equalsIgnoreCase(value) : key.toString().equals(value))) {
                    found.add(new LinkedHashMap<>(salesPerson));
                }
            }
        }
        return found;
    }

    private static Long toLong(Object id) {
        try {
            return Long.valueOf(id.toString());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
