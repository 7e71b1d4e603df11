package org.leadsync.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.leadsync.flowaction.SyncPersonRequest;
import org.leadsync.port.DynamicsId;
import org.leadsync.port.CrmEntity;

/**
 * Reads the webhook body of Sync Person to Microsoft (docs/api.md, Flow action; docs/sync-rules.md R15):
 * `{"leadId": 1234, "syncAs": "lead", "assignTo": "<guid>", "person": {...}}`, field by field so each refusal
 * names the field at fault.
 */
final class SyncPersonBody {

    private SyncPersonBody() {
    }

    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,35}$");
    private static final Set<String> KNOWN = Set.of("leadId", "syncAs", "assignTo", "person");

    /** At most this many person fields, each name at most 100 characters (Marketo's API names are shorter). */
    static final int MAX_PERSON_FIELDS = 500;

    static SyncPersonRequest from(JsonValue value) {
        if (!(value instanceof JsonObject body)) {
            throw ApiProblem.badRequest("body", "A JSON object with leadId is required");
        }
        List<ApiError.Detail> problems = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!KNOWN.contains(key)) {
                String field = JsonBodyReading.shown(key);
                problems.add(new ApiError.Detail(field, "Unknown field " + field + "; expected leadId, syncAs, assignTo, person"));
            }
        }
        long leadId = leadId(body.get("leadId"), problems);
        CrmEntity syncAs = syncAs(body.get("syncAs"), problems);
        String assignTo = assignTo(body.get("assignTo"), problems);
        Map<String, String> person = person(body.get("person"), problems);
        if (!problems.isEmpty()) {
            throw new ApiProblem(400, "bad-request", problems.get(0).message(), problems);
        }
        return new SyncPersonRequest(leadId, syncAs, assignTo, person);
    }

    /** The person id when the body names a usable one, for the activity entry of a refused call. */
    static Long leadIdIfAny(JsonValue value) {
        if (value instanceof JsonObject body && body.get("leadId") instanceof JsonNumber n) {
            return positiveLong(n);
        }
        return null;
    }

    /**
     * A JSON integer from 1 to Long.MAX_VALUE, else null. Decided on the decimal's digits and scale, never by
     * expanding it into a BigInteger (`1e999999999` would be a billion digits).
     */
    static Long positiveLong(JsonNumber number) {
        try {
            if (!number.isIntegral()) {
                return null;
            }
            BigDecimal value = number.bigDecimalValue();
            if (value.signum() <= 0 || value.precision() - value.scale() > 19) {
                return null;
            }
            return value.longValueExact();
        } catch (ArithmeticException | UnsupportedOperationException | NumberFormatException notALong) {
            return null;
        }
    }

    private static long leadId(JsonValue value, List<ApiError.Detail> problems) {
        if (value == null || value == JsonValue.NULL) {
            problems.add(new ApiError.Detail("leadId", "leadId is required"));
            return 0;
        }
        if (value instanceof JsonNumber number) {
            Long id = positiveLong(number);
            if (id != null) {
                return id;
            }
        }
        problems.add(new ApiError.Detail("leadId", "leadId must be a positive whole number (a Marketo person id)"));
        return 0;
    }

    private static CrmEntity syncAs(JsonValue value, List<ApiError.Detail> problems) {
        if (value == null || value == JsonValue.NULL) {
            return CrmEntity.LEAD;
        }
        if (value instanceof JsonString text && (text.getString().equals("lead") || text.getString().equals("contact"))) {
            return CrmEntity.fromLogicalName(text.getString());
        }
        problems.add(new ApiError.Detail("syncAs", "syncAs must be \"lead\" or \"contact\""));
        return CrmEntity.LEAD;
    }

    /**
     * The person's fields as Marketo's tokens filled them in: strings, numbers and booleans as text; `""` and
     * `null` are empty (an empty Marketo field arrives as either). Absent or `null`: none carried.
     */
    private static Map<String, String> person(JsonValue value, List<ApiError.Detail> problems) {
        Map<String, String> person = new LinkedHashMap<>();
        if (value == null || value == JsonValue.NULL) {
            return person;
        }
        if (!(value instanceof JsonObject fields) || fields.size() > MAX_PERSON_FIELDS) {
            problems.add(new ApiError.Detail("person", "person must be an object of at most " + MAX_PERSON_FIELDS
                    + " Marketo fields, e.g. {\"email\": \"a@example.com\"}"));
            return person;
        }
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            String name = field.getKey();
            String shown = "person." + JsonBodyReading.shown(name);
            if (name.isBlank() || name.length() > 100) {
                problems.add(new ApiError.Detail(shown, "A person field name is 1 to 100 characters"));
                continue;
            }
            JsonValue v = field.getValue();
            switch (v.getValueType()) {
                case STRING -> person.put(name, ((JsonString) v).getString().isEmpty() ? null : ((JsonString) v).getString());
                case NUMBER -> person.put(name, v.toString()); // as written, never expanded to its digits (1e999999999)
                case TRUE -> person.put(name, "true");
                case FALSE -> person.put(name, "false");
                case NULL -> person.put(name, null);
                default -> problems.add(new ApiError.Detail(shown, shown + " must be a string, number, boolean or null"));
            }
        }
        return person;
    }

    private static String assignTo(JsonValue value, List<ApiError.Detail> problems) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString text && GUID.matcher(text.getString()).matches()) {
            return DynamicsId.of(text.getString());
        }
        if (value instanceof JsonString text && text.getString().isBlank()) {
            return null; // an empty Marketo token
        }
        if (value instanceof JsonString text && EMAIL.matcher(text.getString().strip()).matches()) {
            return text.getString().strip();
        }
        problems.add(new ApiError.Detail("assignTo", "assignTo must be a Dynamics user or team: its GUID or its email"));
        return null;
    }
}
