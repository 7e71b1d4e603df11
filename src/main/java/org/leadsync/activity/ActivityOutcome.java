package org.leadsync.activity;

import java.util.Locale;

/** How the reported step ended (docs/api.md, Activity log); the flow action's entries carry its answer. Stored and shown by its wire name, e.g. `success`. */
public enum ActivityOutcome {
    SUCCESS, FAILED, CREATED, EXISTS, REJECTED, NOT_FOUND, UNAVAILABLE, QUEUED,
    ASSIGNED, ADDED, REMOVED, NOT_SYNCED;

    /** The name docs/api.md shows: lower case, words joined by hyphens. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
