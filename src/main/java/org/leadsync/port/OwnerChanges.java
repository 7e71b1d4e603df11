package org.leadsync.port;

import java.util.List;

/**
 * One page of the change feed of users or teams (docs/sync-rules.md R22), like {@link RecordChanges}: persist
 * `cursor` with the page's work; `last` is true when it is a delta link.
 */
public record OwnerChanges(List<Owner> changed, List<String> deletedIds, String cursor, boolean last) {

    public OwnerChanges {
        deletedIds = deletedIds.stream().map(DynamicsId::of).toList();
    }
}
