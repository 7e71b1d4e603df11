package org.leadsync.activity;

import java.time.Instant;

/**
 * Which failures to list (docs/api.md, Sync errors): each filter may be null; at most `limit`, newest first.
 * `message` is an exact message (a group of the summary); `before` the entry the previous page ended with.
 */
public record SyncErrorQuery(Instant since, String direction, String errorCode, String message, ActivityEntry before,
                             int limit) {

    public SyncErrorQuery(Instant since, String direction, String errorCode, int limit) {
        this(since, direction, errorCode, null, null, limit);
    }

    /** The same filters, the page after `last`. */
    public SyncErrorQuery after(ActivityEntry last, int pageSize) {
        return new SyncErrorQuery(since, direction, errorCode, message, last, pageSize);
    }
}
