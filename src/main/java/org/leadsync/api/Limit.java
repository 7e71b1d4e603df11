package org.leadsync.api;

import java.time.Instant;

/**
 * Query and path parameters, checked before they reach a query on any database (docs/api.md, Conventions): each
 * mistake is a 400 naming the parameter. `limit` is a whole number in a range; ids are positive whole numbers; text
 * holds no control characters (PostgreSQL refuses a NUL in text); instants lie from 1970 to the year 9999.
 */
final class Limit {

    /** The earliest instant a parameter may name. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest instant a parameter may name: four-digit years, which every supported database stores. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Limit() {
    }

    static int parse(String text, int fallback, int max) {
        if (text("limit", text) == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException notAWholeNumber) {
            // answered below, like an out-of-range number
        }
        throw ApiProblem.badRequest("limit", "limit must be a whole number from 1 to " + max);
    }

    /** A true/false switch (absent or empty: false), else 400 naming it. */
    static boolean flag(String name, String text) {
        if (text == null || text.isEmpty() || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiProblem.badRequest(name, name + " must be true or false");
    }

    /** Free text for a filter: refused (400 naming it) when it holds a control character such as NUL. */
    static String text(String name, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest(name, name + " must not contain control characters");
        }
        return value;
    }

    /** An instant a query may compare with: from {@link #EARLIEST} to {@link #LATEST}, else 400 naming it. */
    static Instant instantInRange(String name, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw ApiProblem.badRequest(name, name + " must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return value;
    }

    /** A positive id from the path or the query (`leadId`, `before`), else 400 naming it. */
    static long positiveId(String name, String text) {
        text(name, text);
        try {
            long value = Long.parseLong(text == null ? "" : text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notAWholeNumber) {
            // answered below
        }
        throw ApiProblem.badRequest(name, name + " must be a positive whole number");
    }
}
