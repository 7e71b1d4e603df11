package org.leadsync.sync;

import jakarta.ejb.ApplicationException;

/**
 * docs/sync-rules.md R4: a commit found that this instance no longer holds the lease epoch it started the
 * cycle with; the transaction rolls back so two holders never both commit.
 */
@ApplicationException(rollback = true)
public class LeaseLost extends RuntimeException {

    public LeaseLost(String message) {
        super(message);
    }
}
