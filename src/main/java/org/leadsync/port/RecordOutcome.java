package org.leadsync.port;

/**
 * What Marketo did with one record of a write, at `index` in the caller's list: never swallowed, so a
 * skip with Marketo's code and message can become an activity entry (docs/sync-rules.md R18).
 */
public record RecordOutcome(int index, Long personId, Status status, String code, String message) {

    public enum Status { CREATED, UPDATED, DELETED, ADDED, SKIPPED }

    public boolean skipped() {
        return status == Status.SKIPPED;
    }
}
