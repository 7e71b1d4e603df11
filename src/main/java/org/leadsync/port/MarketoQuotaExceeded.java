package org.leadsync.port;

/** Error 607: the subscription's daily API quota is spent; retrying before Marketo's midnight is pointless (R21). */
public class MarketoQuotaExceeded extends MarketoException {

    public MarketoQuotaExceeded(String message) {
        super("607", message);
    }
}
