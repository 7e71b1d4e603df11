package org.leadsync.port;

/** The record changed since its etag was read (HTTP 412): re-read and merge again. */
public class DynamicsConflict extends DynamicsException {

    public DynamicsConflict(String message) {
        super(message);
    }
}
