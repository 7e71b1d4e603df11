package org.leadsync.port;

/** Marketo kept failing with retryable errors (rate limits, 5xx, timeouts) through every allowed attempt. */
public class MarketoUnavailable extends MarketoException {

    public MarketoUnavailable(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
