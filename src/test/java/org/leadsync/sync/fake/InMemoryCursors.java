package org.leadsync.sync.fake;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.leadsync.sync.SyncCursor;
import org.leadsync.sync.SyncCursors;

/** The sync_cursor table in memory; every public method of {@link SyncCursors} is overridden. */
public final class InMemoryCursors extends SyncCursors {

    private Map<String, SyncCursor> cursors = new HashMap<>();

    @Override
    public Optional<String> position(String name) {
        return find(name).map(SyncCursor::position);
    }

    @Override
    public Optional<SyncCursor> find(String name) {
        return Optional.ofNullable(cursors.get(name));
    }

    @Override
    public void advance(String name, String position, Instant since, Instant now) {
        SyncCursor cursor = cursors.get(name);
        if (cursor == null) {
            cursors.put(name, new SyncCursor(name, position, since, now));
        } else {
            cursor.advance(position, since, now);
        }
    }

    public Object checkpoint() {
        Map<String, SyncCursor> copy = new HashMap<>();
        cursors.forEach((name, c) -> copy.put(name, new SyncCursor(name, c.position(), c.since(), c.readUpTo())));
        return copy;
    }

    @SuppressWarnings("unchecked")
    public void rollback(Object checkpoint) {
        cursors = new HashMap<>((Map<String, SyncCursor>) checkpoint);
    }
}
