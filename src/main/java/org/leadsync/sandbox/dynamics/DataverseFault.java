package org.leadsync.sandbox.dynamics;

/** A Web API error answer: HTTP status plus Dataverse's `{"error":{"code","message"}}` (docs/sandbox.md). */
class DataverseFault extends RuntimeException {

    final int status;
    final String code;
    final Integer retryAfterSeconds;

    DataverseFault(int status, String code, String message) {
        this(status, code, message, null);
    }

    DataverseFault(int status, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static DataverseFault badRequest(String code, String message) {
        return new DataverseFault(400, code, message);
    }

    static DataverseFault notFound(EntityDefinition entity, Object id, String code) {
        return new DataverseFault(404, code, entity.logicalName() + " With Id = " + id + " Does Not Exist");
    }
}
