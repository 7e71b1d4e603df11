package org.leadsync.sync;

/** What one page of a change feed moved, and whether the feed has nothing more for now. */
public record PageResult(CycleCounts counts, boolean last) {
}
