package org.leadsync.port;

/** The record does not exist (any more) in Dynamics. */
public class DynamicsNotFound extends DynamicsException {

    public DynamicsNotFound(String message) {
        super(message);
    }
}
