package org.leadsync.dynamics;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.leadsync.port.DynamicsAttribute;

/**
 * R17 (docs/sync-rules.md): checks a planned create or update against the attribute metadata before it is
 * sent: required level, MaxLength, Email format, whole-number ranges, types. Plain Java on purpose.
 */
public final class WriteValidator {

    /** What kind of refusal, as docs/api.md's error `code` names it; Dynamics' own refusals carry its hex codes. */
    public static final String UNKNOWN_ATTRIBUTE = "unknown-attribute";
    public static final String READ_ONLY = "read-only";
    public static final String REQUIRED = "required";
    public static final String MAX_LENGTH = "max-length";
    public static final String FORMAT = "format";
    public static final String OUT_OF_RANGE = "out-of-range";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** Required columns the platform fills itself on create (key, owner, state, timestamps). */
    private static final Set<String> SYSTEM_FILLED = Set.of("Uniqueidentifier", "Owner", "State", "Status", "DateTime");

    public record Violation(String attribute, String code, String reason) {
    }

    private final String entity;
    private final Map<String, DynamicsAttribute> attributes = new LinkedHashMap<>();

    public WriteValidator(String entity, List<DynamicsAttribute> catalogue) {
        this.entity = entity;
        catalogue.forEach(a -> attributes.put(a.logicalName(), a));
    }

    public Optional<Violation> check(boolean create, Map<String, Object> values) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            DynamicsAttribute attribute = attributes.get(entry.getKey());
            if (attribute == null) {
                return violation(entry.getKey(), UNKNOWN_ATTRIBUTE, "is not an attribute of " + entity);
            }
            if (create ? !attribute.validForCreate() : !attribute.validForUpdate()) {
                return violation(entry.getKey(), READ_ONLY, "cannot be set on " + (create ? "create" : "update"));
            }
            Optional<Violation> bad = checkValue(attribute, entry.getValue(), create);
            if (bad.isPresent()) {
                return bad;
            }
        }
        if (create) {
            for (DynamicsAttribute attribute : attributes.values()) {
                if (attribute.required() && !SYSTEM_FILLED.contains(attribute.attributeType())
                        && blank(values.get(attribute.logicalName()))) {
                    return violation(attribute.logicalName(), REQUIRED, "is required (" + attribute.requiredLevel() + ") and has no value");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Violation> checkValue(DynamicsAttribute attribute, Object value, boolean create) {
        String name = attribute.logicalName();
        if (blank(value)) {
            return attribute.required() && !create ? violation(name, REQUIRED, "is required (" + attribute.requiredLevel() + ") and cannot be cleared")
                    : Optional.empty();
        }
        switch (attribute.attributeType()) {
            case "String", "Memo" -> {
                if (!(value instanceof CharSequence text)) {
                    return violation(name, FORMAT, "must be text");
                }
                if (attribute.maxLength() != null && text.length() > attribute.maxLength()) {
                    return violation(name, MAX_LENGTH, "is " + text.length() + " characters long, more than MaxLength " + attribute.maxLength());
                }
                if ("Email".equals(attribute.format()) && !EMAIL.matcher(text).matches()) {
                    return violation(name, FORMAT, "is not an email address: " + text);
                }
            }
            case "Boolean" -> {
                if (!(value instanceof Boolean)) {
                    return violation(name, FORMAT, "must be true or false");
                }
            }
            case "Integer", "BigInt", "State", "Status", "Picklist" -> {
                BigDecimal number = wholeNumber(value);
                if (number == null) {
                    return violation(name, FORMAT, "must be a whole number");
                }
                if (attribute.minValue() != null && number.compareTo(BigDecimal.valueOf(attribute.minValue())) < 0
                        || attribute.maxValue() != null && number.compareTo(BigDecimal.valueOf(attribute.maxValue())) > 0) {
                    return violation(name, OUT_OF_RANGE, "is " + number + ", outside " + attribute.minValue() + ".." + attribute.maxValue());
                }
            }
            default -> {
            }
        }
        return Optional.empty();
    }

    private static BigDecimal wholeNumber(Object value) {
        try {
            BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().trim());
            return number.stripTrailingZeros().scale() <= 0 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(Object value) {
        return value == null || value instanceof CharSequence s && s.toString().isBlank();
    }

    private Optional<Violation> violation(String attribute, String code, String reason) {
        return Optional.of(new Violation(attribute, code, "The '" + attribute + "' attribute of the '" + entity + "' entity " + reason + "."));
    }
}
