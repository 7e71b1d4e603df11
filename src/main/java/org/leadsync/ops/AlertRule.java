package org.leadsync.ops;

/** The alert rules of docs/api.md (Alerts), by their documented names. */
public enum AlertRule {
    ERRORS_LAST_HOUR("errors-last-hour", "Sync failures in the last hour"),
    NO_FINISHED_CYCLE("no-finished-cycle", "No cycle finished lately"),
    QUOTA_ABOVE("quota-above", "API quota use is high"),
    DAILY_QUOTA_STOP("daily-quota-stop", "Marketo's daily quota stopped the sync"),
    LEASE_LOST("lease-lost", "A cycle lost its lease"),
    FIELD_QUARANTINED("field-quarantined", "A field was taken out of the sync");

    public final String key;
    public final String title;

    AlertRule(String key, String title) {
        this.key = key;
        this.title = title;
    }
}
