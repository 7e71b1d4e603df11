package org.leadsync.ops;

import java.time.Instant;
import java.util.Map;

/** The body of GET /api/sync/status (api.md, Sync status and control). */
public record SyncStatus(String state, String interval, boolean paused, LastCycle lastCycle,
                         Instant nextCycleAt,
                         Links links, Map<String, Cursor> cursors, ApiCalls apiCalls, long errorsLast24h) {

    public record LastCycle(Instant startedAt, Instant finishedAt, int pulledFromMarketo, int pulledFromDynamics,
                            int writtenToMarketo, int writtenToDynamics, int collisions, int failed, String outcome) {
    }

    public record Links(long active, long deletedInDynamics, long filteredOut) {
    }

    public record Cursor(Instant since) {
    }

    public record ApiCalls(MarketoCalls marketo, DynamicsCalls dynamics) {
    }

    public record MarketoCalls(long last20s, long today) {
    }

    public record DynamicsCalls(long last5min) {
    }
}
