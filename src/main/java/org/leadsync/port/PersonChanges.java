package org.leadsync.port;

import java.time.Instant;
import java.util.List;

/**
 * One page of Marketo's change feed: changes and deleted person ids after the cursor, the cursor to
 * persist with the work done on them (docs/sync-rules.md R6), whether more is already waiting, and the
 * time of the last activity the feed has read up to.
 */
public record PersonChanges(List<PersonChange> changes, List<Long> deletedPersonIds, String nextCursor, boolean moreWaiting,
                            Instant readUpTo) {
}
