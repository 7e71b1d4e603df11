package org.leadsync.activity;

import java.util.Locale;

/** Which way an activity entry's data moved (docs/api.md, Activity log). Stored and shown by its wire name, e.g. `to-marketo`. */
public enum ActivityDirection {
    TO_MARKETO, TO_DYNAMICS;

    /** The name docs/api.md shows: lower case, words joined by hyphens. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
