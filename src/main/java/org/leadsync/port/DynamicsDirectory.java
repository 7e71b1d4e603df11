package org.leadsync.port;

/**
 * What the features ask of Dynamics 365 about the users and teams that own records (docs/sync-rules.md R22),
 * beside {@link DynamicsRecords}. Implemented in `dynamics/`; an in-memory fake in the tests.
 */
public interface DynamicsDirectory {

    /**
     * One page of the change feed of `kind` (R5's change tracking): a null cursor starts it with every row. A cursor
     * Dynamics no longer knows fails with {@link DynamicsValidationFailed} or {@link DynamicsNotFound}.
     */
    OwnerChanges ownerChanges(OwnerKind kind, String cursor);
}
