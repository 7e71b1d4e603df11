package org.leadsync.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.SyncErrorQuery;

/** Reads the filters of GET /api/sync/errors (docs/api.md), each mistake a 400 naming its parameter. */
final class SyncErrorParameters {

    static final Set<String> DIRECTIONS = Set.of("to-dynamics", "to-marketo");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** The width of activity_entry.error_code: a longer code cannot match anything. */
    static final int MAX_CODE = 64;

    private SyncErrorParameters() {
    }

    /** The width of activity_entry.message: a longer message cannot match anything. */
    static final int MAX_MESSAGE = 4000;

    static SyncErrorQuery of(String since, String direction, String errorCode, String limit) {
        return new SyncErrorQuery(instant(since), direction(direction), errorCode(errorCode),
                Limit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    /** With the exact `message` of a summary group and the `before` entry of a page (checked by the caller). */
    static SyncErrorQuery of(String since, String direction, String errorCode, String message, ActivityEntry before,
                             int limit) {
        return new SyncErrorQuery(instant(since), direction(direction), errorCode(errorCode), message(message),
                before, limit);
    }

    static String message(String message) {
        if (Limit.text("message", message) == null || message.isEmpty()) {
            return null;
        }
        if (message.length() > MAX_MESSAGE) {
            throw ApiProblem.badRequest("message", "message is at most " + MAX_MESSAGE + " characters");
        }
        return message;
    }

    // Each reader refuses control characters first, before a blank value (CR, LF, U+001F...) could pass as "no filter".

    static Instant instant(String since) {
        if (Limit.text("since", since) == null || since.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(since.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("since", "since must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
        }
        return Limit.instantInRange("since", instant);
    }

    static String direction(String direction) {
        if (Limit.text("direction", direction) == null || direction.isBlank()) {
            return null;
        }
        if (!DIRECTIONS.contains(direction)) {
            throw ApiProblem.badRequest("direction", "direction must be to-dynamics or to-marketo");
        }
        return direction;
    }

    static String errorCode(String code) {
        if (Limit.text("errorCode", code) == null || code.isBlank()) {
            return null;
        }
        if (code.length() > MAX_CODE) {
            throw ApiProblem.badRequest("errorCode", "errorCode is at most " + MAX_CODE + " characters");
        }
        return code;
    }
}
