package org.leadsync.api;

import java.util.List;

/** The JSON body of GET /api/sync/errors: a page of failures, newest first; `next` is the `before` of the next page. */
public record SyncErrors(List<SyncError> errors, Long next) {
}
