package org.leadsync.activity;

import java.util.Locale;

/** What an activity entry's step did to the record (docs/api.md, Activity log). Stored and shown by its wire name, e.g. `create`. */
public enum ActivityOperation {
    CREATE, UPDATE, LINK, FLOW_ACTION;

    /** The name docs/api.md shows: lower case, words joined by hyphens. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
