package org.leadsync.sandbox.marketo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How Marketo writes a datetime (createdAt, updatedAt, activityDate): ISO-8601 in UTC with whole
 * seconds, `2026-11-25T10:00:00Z` (REST API docs, "Leads" and "Activities" examples).
 */
final class MarketoTime {

    private MarketoTime() {
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
