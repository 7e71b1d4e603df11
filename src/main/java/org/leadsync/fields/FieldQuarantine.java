package org.leadsync.fields;

/**
 * A mapped field taken out of the sync, or let back in (docs/api.md, Alerts: field quarantined). Whatever
 * quarantines a field fires this as a CDI event; the alerts observe it, so the quarantine needs nothing of them.
 */
public record FieldQuarantine(String marketoField, boolean quarantined, String reason) {
}
