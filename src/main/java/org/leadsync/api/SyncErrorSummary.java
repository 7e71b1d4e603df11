package org.leadsync.api;

import java.time.Instant;
import java.util.List;

/** The body of GET /api/sync/errors/summary: how many failures match, and the largest groups. */
public record SyncErrorSummary(long total, List<Group> groups) {

    /** One error code and message, how often, first and last seen. */
    public record Group(String errorCode, String message, long count, Instant firstAt, Instant lastAt) {
    }
}
