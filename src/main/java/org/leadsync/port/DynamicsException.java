package org.leadsync.port;

/** Something Dynamics answered or failed to answer; the subclasses say what the caller can do about it. */
public class DynamicsException extends RuntimeException {

    public DynamicsException(String message) {
        super(message);
    }

    public DynamicsException(String message, Throwable cause) {
        super(message, cause);
    }
}
