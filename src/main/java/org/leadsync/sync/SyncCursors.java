package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Reads and moves the persisted change-feed cursors, inside the caller's transaction (R6). */
@Stateless
public class SyncCursors {

    @PersistenceContext
    EntityManager em;

    @Inject
    CycleLease lease;

    @Inject
    LeaseHolding holding;

    public Optional<String> position(String name) {
        return Optional.ofNullable(em.find(SyncCursor.class, name)).map(SyncCursor::position);
    }

    public Optional<SyncCursor> find(String name) {
        return Optional.ofNullable(em.find(SyncCursor.class, name));
    }

    /** Moves the cursor in the page's transaction, fenced by the lease epoch (R4): a stale holder rolls back. */
    public void advance(String name, String position, Instant since, Instant now) {
        lease.fence(holding.instanceId(), holding.epoch(), now);
        SyncCursor cursor = em.find(SyncCursor.class, name);
        if (cursor == null) {
            em.persist(new SyncCursor(name, position, since, now));
        } else {
            cursor.advance(position, since, now);
        }
    }
}
