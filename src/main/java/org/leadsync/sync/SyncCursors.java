package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Reads and moves the persisted change-feed cursors, inside the caller's transaction (R6). */
@Stateless
public class SyncCursors {

    @PersistenceContext
    EntityManager em;

    public Optional<String> position(String name) {
        return Optional.ofNullable(em.find(SyncCursor.class, name)).map(SyncCursor::position);
    }

    public Optional<SyncCursor> find(String name) {
        return Optional.ofNullable(em.find(SyncCursor.class, name));
    }

    public void advance(String name, String position, Instant since, Instant now) {
        SyncCursor cursor = em.find(SyncCursor.class, name);
        if (cursor == null) {
            em.persist(new SyncCursor(name, position, since, now));
        } else {
            cursor.advance(position, since, now);
        }
    }
}
