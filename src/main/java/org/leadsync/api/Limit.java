package org.leadsync.api;


/** The `limit` query parameter: a whole number in a range, else 400 naming `limit`. */
final class Limit {

    private Limit() {
    }

    static int parse(String text, int fallback, int max) {
        if (text == null || text.isBlank()) {
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

    /** A positive id from the path or the query (`leadId`, `before`), else 400 naming it. */
    static long positiveId(String name, String text) {
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
