package org.leadsync.sync;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * R7's comparison: values are compared after normalising types. null and "" are both empty (null);
 * numbers compare by value; date-times compare as instants whatever their offset notation; booleans
 * as true/false. The normal form is a string, which is also what a snapshot stores.
 */
public final class FieldValue {

    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");
    /** Marketo prints offsets as +0000, Dynamics as Z: both must read as the same instant. */
    private static final DateTimeFormatter ANY_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private FieldValue() {
    }

    public static String normalise(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Boolean b) {
            return b.toString();
        }
        if (raw instanceof Number n) {
            return number(new BigDecimal(n.toString()));
        }
        String text = raw.toString();
        if (text.isEmpty()) {
            return null;
        }
        if (DATE_TIME.matcher(text).matches()) {
            String instant = instant(text);
            if (instant != null) {
                return instant;
            }
        }
        return text;
    }

    public static boolean same(Object a, Object b) {
        return Objects.equals(normalise(a), normalise(b));
    }

    private static String number(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String instant(String text) {
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text, ANY_OFFSET);
            return parsed.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
