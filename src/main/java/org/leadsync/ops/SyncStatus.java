package org.leadsync.ops;

import java.time.Instant;
import java.util.Map;

/** The body of GET /api/sync/status (docs/api.md, Sync status and control). */
public record SyncStatus(String state, String interval, boolean paused, LastCycle lastCycle,
                         Instant nextCycleAt,
                         Links links, Map<String, Cursor> cursors, ApiCalls apiCalls, long errorsLast24h,
                         boolean cycleRunning, FlowActions flowActions, java.util.List<Quarantined> quarantinedFields) {

    /** A mapped field set aside because its Dynamics attribute is gone (docs/sync-rules.md R23). */
    public record Quarantined(String entity, String attribute, String marketoField, Instant since, String reason) {
    }

    /** Accepted flow-action calls not finished yet (docs/api.md, Flow action: durable accept). */
    public record FlowActions(long pending, Instant oldestAcceptedAt) {
    }

    public record LastCycle(Instant startedAt, Instant finishedAt, int pulledFromMarketo, int pulledFromDynamics,
                            int writtenToMarketo, int writtenToDynamics, int collisions, int failed, String outcome) {
    }

    public record Links(long active, long deletedInDynamics, long filteredOut) {
    }

    /**
     * `initialSync` shows the first full read of a Dynamics table: `pending` (not started), `running` (paging
     * through the initial rows) or `done` (following the delta link); null for Marketo, which has no initial
     * import (R11).
     */
    public record Cursor(Instant since, String initialSync) {
    }

    public record ApiCalls(MarketoCalls marketo, DynamicsCalls dynamics) {
    }

    public record MarketoCalls(long last20s, long today, DailyCap dailyCap) {
    }

    /**
     * LeadSync's own daily Marketo cap (docs/sync-rules.md R21, Daily cap): `cap` 0 is no cap; `used` today in
     * total, and per priority what it used and the total at which it stops.
     */
    public record DailyCap(long cap, long used, Instant resetsAt, Map<String, PriorityShare> byPriority) {
    }

    public record PriorityShare(long used, long stopsAt) {
    }

    public record DynamicsCalls(long last5min) {
    }
}
