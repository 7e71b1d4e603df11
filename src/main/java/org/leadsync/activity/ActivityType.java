package org.leadsync.activity;

import java.util.Locale;

/** What an activity entry reports (docs/sync-rules.md R20; docs/api.md, Activity log). Stored and shown by its wire name, e.g. `created-in-marketo`. */
public enum ActivityType {
    CREATED_IN_MARKETO, CREATED_IN_DYNAMICS, UPDATED_IN_MARKETO, UPDATED_IN_DYNAMICS, COLLISION, SYNC_FAILED, FILTERED_IN, FILTERED_OUT, CONVERTED_TO_CONTACT, DELETED_IN_DYNAMICS, DELETED_IN_MARKETO, SYNC_PERSON_TO_MICROSOFT,
    CHANGE_OWNER_IN_MICROSOFT, CREATE_TASK_IN_MICROSOFT, ADD_TO_MICROSOFT_CAMPAIGN, REMOVE_FROM_MICROSOFT_CAMPAIGN,
    FIELD_QUARANTINED, FIELD_RESUMED;

    /** The name docs/api.md shows: lower case, words joined by hyphens. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
