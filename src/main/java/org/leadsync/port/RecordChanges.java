package org.leadsync.port;

import java.util.List;

/**
 * One page of a Dynamics change feed (docs/sync-rules.md R5). Persist `cursor` with the work this page
 * caused (R6); pass it back to get the next page. `last` is true when the cursor is a delta link (nothing
 * more until something changes). Deleted ids are in {@link DynamicsId} form.
 */
public record RecordChanges(List<DynamicsRecord> changed, List<String> deletedIds, String cursor, boolean last) {

    public RecordChanges {
        deletedIds = deletedIds.stream().map(DynamicsId::of).toList();
    }
}
