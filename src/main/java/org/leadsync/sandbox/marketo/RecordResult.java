package org.leadsync.sandbox.marketo;

/** The per-record answer of a write: `status` created/updated/deleted/added/skipped, with a reason when skipped. */
record RecordResult(Long id, String status, String code, String message) {

    static RecordResult ok(long id, String status) {
        return new RecordResult(id, status, null, null);
    }

    static RecordResult skipped(Long id, String code, String message) {
        return new RecordResult(id, "skipped", code, message);
    }
}
