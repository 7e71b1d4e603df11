package org.leadsync.port;

/** A Marketo call that did not do its work; `code` is Marketo's error code, or `HTTP nnn`. */
public class MarketoException extends RuntimeException {

    private final String code;

    public MarketoException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public MarketoException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
