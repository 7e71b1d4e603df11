package org.leadsync.port;

/** Dynamics stayed unreachable, throttled or failing after the retries (R6: try again later, nothing lost). */
public class DynamicsUnavailable extends DynamicsException {

    public DynamicsUnavailable(String message) {
        super(message);
    }

    public DynamicsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
