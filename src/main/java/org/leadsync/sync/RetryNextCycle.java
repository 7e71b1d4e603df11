package org.leadsync.sync;

import jakarta.ejb.ApplicationException;

/**
 * R6: a write failed for a passing reason after the connector's own retries. The page's transaction
 * rolls back, so its cursor stays put and the next cycle does the work again (R7 makes that harmless).
 */
@ApplicationException(rollback = true)
public class RetryNextCycle extends RuntimeException {

    public RetryNextCycle(String message) {
        super(message);
    }
}
