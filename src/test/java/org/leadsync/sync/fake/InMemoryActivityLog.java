package org.leadsync.sync.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.SyncErrorQuery;

/** The activity_entry table in memory (R20); every public method of {@link ActivityLog} is overridden. */
public final class InMemoryActivityLog extends ActivityLog {

    private final List<ActivityEntry> entries = new ArrayList<>();

    @Override
    public ActivityEntry record(ActivityEntry entry) {
        entries.add(entry);
        return entry;
    }

    @Override
    public Optional<ActivityEntry> find(long id) {
        return Optional.empty(); // in memory, entries have no database id
    }

    @Override
    public List<ActivityEntry> ofPerson(long personId, ActivityEntry before, int limit) {
        List<ActivityEntry> mine = new ArrayList<>(entries.stream().filter(e -> Objects.equals(e.personId(), personId)).toList());
        mine.sort(Comparator.comparing(ActivityEntry::occurredAt).reversed());
        return mine.subList(0, Math.min(limit, mine.size()));
    }

    @Override
    public List<ActivityEntry> failures(SyncErrorQuery filter) {
        return entries.stream().filter(e -> ActivityOutcome.FAILED.wire().equals(e.outcome())).toList();
    }

    /** Every entry, oldest first. */
    public List<ActivityEntry> all() {
        return List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    /** Drops what a rolled-back page recorded. */
    public void truncate(int size) {
        entries.subList(size, entries.size()).clear();
    }
}
