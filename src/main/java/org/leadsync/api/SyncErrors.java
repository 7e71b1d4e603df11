package org.leadsync.api;

import java.util.List;

/** The JSON body of GET /api/sync/errors: failures, newest first. */
public record SyncErrors(List<SyncError> errors) {
}
