package org.leadsync.api;

/**
 * The body of POST /api/sync/pause and /resume: none, or `{}`. Modelled, rather than ignored, so a client
 * sending fields it thinks matter learns at once that they do not (400, unknown field).
 */
public record SyncControl() {
}
