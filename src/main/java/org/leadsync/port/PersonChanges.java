package org.leadsync.port;

import java.util.List;

/**
 * One page of Marketo's change feed: changes and deleted person ids after the cursor, the cursor to
 * persist with the work done on them (R6), and whether more is already waiting.
 */
public record PersonChanges(List<PersonChange> changes, List<Long> deletedPersonIds, String nextCursor, boolean moreWaiting) {
}
