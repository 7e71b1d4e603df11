package org.leadsync.sandbox.dynamics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One emulated table. Every write gets a new store-wide version; the version index is what change
 * tracking and paging walk (a delta token is a version), so pages stay stable under concurrent writes.
 * Mutations happen under the store's write lock; reads are lock-free.
 */
final class DynamicsTable {

    record Row(UUID id, long version, Object[] values) {
    }

    /** What happened at one version: a row now at that version, or a deletion. */
    private record Change(UUID id, boolean deleted) {
    }

    /** A scanned page: live rows (Row) and deleted ids (UUID), in version order. */
    record Scan(List<Object> entries, long lastVersion, boolean more) {
    }

    final EntityDefinition definition;
    private final Map<UUID, Row> rows = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Change> changes = new ConcurrentSkipListMap<>();

    DynamicsTable(EntityDefinition definition) {
        this.definition = definition;
    }

    Row get(UUID id) {
        return rows.get(id);
    }

    int size() {
        return rows.size();
    }

    void clear() {
        rows.clear();
        changes.clear();
    }

    void put(Row row) {
        Row old = rows.put(row.id(), row);
        if (old != null) {
            changes.remove(old.version());
        }
        changes.put(row.version(), new Change(row.id(), false));
    }

    void delete(UUID id, long version) {
        Row old = rows.remove(id);
        if (old != null) {
            changes.remove(old.version());
            changes.put(version, new Change(id, true));
        }
    }

    /** Undoes a create inside a failed change set: the row never was, so no tombstone. */
    void discard(UUID id) {
        Row old = rows.remove(id);
        if (old != null) {
            changes.remove(old.version());
        }
    }

    Object value(Row row, String name) {
        int index = definition.indexOf(name);
        return index < 0 ? null : row.values()[index];
    }

    Function<String, Object> accessor(Row row) {
        return name -> value(row, name);
    }

    /** A read of given rows by key, in version order, paged like {@link #scan}: no full scan for `In` on the id. */
    Scan byKeys(List<UUID> ids, long after, long upTo, int limit) {
        List<Row> found = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(ids)) {
            Row row = rows.get(id);
            if (row != null && row.version() > after && row.version() <= upTo) {
                found.add(row);
            }
        }
        found.sort(Comparator.comparingLong(Row::version));
        boolean more = found.size() > limit;
        List<Object> page = new ArrayList<>(found.subList(0, Math.min(limit, found.size())));
        long last = page.isEmpty() ? after : ((Row) page.get(page.size() - 1)).version();
        return new Scan(page, last, more);
    }

    Scan scan(long after, long upTo, boolean withDeleted, Predicate<Function<String, Object>> filter, int limit) {
        ConcurrentNavigableMap<Long, Change> range = changes.subMap(after, false, upTo, true);
        List<Object> out = new ArrayList<>();
        long last = after;
        for (Map.Entry<Long, Change> entry : range.entrySet()) {
            if (out.size() >= limit) {
                return new Scan(out, last, true);
            }
            Change change = entry.getValue();
            last = entry.getKey();
            if (change.deleted()) {
                if (withDeleted) {
                    out.add(change.id());
                }
                continue;
            }
            Row row = rows.get(change.id());
            if (row != null && row.version() == entry.getKey() && (filter == null || filter.test(accessor(row)))) {
                out.add(row);
            }
        }
        return new Scan(out, last, false);
    }
}
