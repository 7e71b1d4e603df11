package org.leadsync.port;

/** Marketo refused the request itself (bad credentials, invalid parameters): retrying would not help. */
public class MarketoRejected extends MarketoException {

    public MarketoRejected(String code, String message) {
        super(code, message);
    }
}
