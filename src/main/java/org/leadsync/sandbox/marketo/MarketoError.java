package org.leadsync.sandbox.marketo;

/** A request-level failure, answered as HTTP 200 + success:false with this code (Marketo error codes). */
class MarketoError extends RuntimeException {

    final String code;

    MarketoError(String code, String message) {
        super(message);
        this.code = code;
    }

    static MarketoError invalid(String message) {
        return new MarketoError("1003", message);
    }
}
