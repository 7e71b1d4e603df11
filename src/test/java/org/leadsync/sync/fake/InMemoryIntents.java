package org.leadsync.sync.fake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leadsync.link.WriteIntent;
import org.leadsync.link.WriteIntents;

/**
 * The write_intent table in memory: {@link #recordBeforeWrite} commits at once (its own transaction), while
 * {@link #clear} belongs to the page and is undone by {@link #rollback()} when the page dies.
 */
public final class InMemoryIntents extends WriteIntents {

    private final List<WriteIntent> rows = new ArrayList<>();
    private final List<WriteIntent> clearedThisPage = new ArrayList<>();

    @Override
    public void recordBeforeWrite(List<WriteIntent> intents) {
        rows.addAll(intents);
    }

    @Override
    public Map<Long, List<WriteIntent>> pendingFor(Collection<Long> personIds) {
        Map<Long, List<WriteIntent>> pending = new HashMap<>();
        rows.stream().filter(i -> personIds.contains(i.personId()))
                .forEach(i -> pending.computeIfAbsent(i.personId(), id -> new ArrayList<>()).add(i));
        return pending;
    }

    @Override
    public void clear(Collection<Long> personIds) {
        rows.stream().filter(i -> personIds.contains(i.personId())).forEach(clearedThisPage::add);
        rows.removeIf(i -> personIds.contains(i.personId()));
    }

    /** A page begins. */
    public void checkpoint() {
        clearedThisPage.clear();
    }

    /** The page died: what it cleared is back; what it recorded before its writes stays. */
    public void rollback() {
        rows.addAll(clearedThisPage);
        clearedThisPage.clear();
    }

    public int size() {
        return rows.size();
    }
}
