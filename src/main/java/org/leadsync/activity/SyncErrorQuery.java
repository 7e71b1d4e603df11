package org.leadsync.activity;

import java.time.Instant;

/** Which failures to list (docs/api.md, Sync errors): each filter may be null; at most `limit`, newest first. */
public record SyncErrorQuery(Instant since, String direction, String errorCode, int limit) {
}
