package org.leadsync.sync.fake;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.leadsync.link.CreationIntents;

/**
 * The creation_intent table in memory: {@link #recordBeforeCreate} commits at once (its own transaction), while
 * {@link #clear} belongs to the page and is undone by {@link #rollback()} when the page dies.
 */
public final class InMemoryCreationIntents extends CreationIntents {

    private final Set<String> rows = new LinkedHashSet<>();
    private final Set<String> clearedThisPage = new HashSet<>();

    @Override
    public void recordBeforeCreate(Collection<String> dynamicsIds, Instant now) {
        rows.addAll(dynamicsIds);
    }

    @Override
    public Set<String> pendingAmong(Collection<String> dynamicsIds) {
        Set<String> pending = new HashSet<>(dynamicsIds);
        pending.retainAll(rows);
        return pending;
    }

    @Override
    public void clear(Collection<String> dynamicsIds) {
        for (String id : dynamicsIds) {
            if (rows.remove(id)) {
                clearedThisPage.add(id);
            }
        }
    }

    public void checkpoint() {
        clearedThisPage.clear();
    }

    public void rollback() {
        rows.addAll(clearedThisPage);
        clearedThisPage.clear();
    }

    public int size() {
        return rows.size();
    }
}
