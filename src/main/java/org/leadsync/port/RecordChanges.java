package org.leadsync.port;

import java.util.List;

/**
 * One page of a change feed (R5). Persist `cursor` with the work this page caused (R6); pass it back to
 * get the next page. `last` is true when the cursor is a delta link (nothing more until something changes).
 */
public record RecordChanges(List<DynamicsRecord> changed, List<String> deletedIds, String cursor, boolean last) {
}
