package org.leadsync.fields;

/**
 * A mapped field taken out of the sync, or let back in (docs/api.md, Alerts: field quarantined). FieldQuarantine
 * fires this as a CDI event when a field goes into or out of quarantine; the alerts observe it, so the quarantine needs nothing of them.
 */
public record FieldQuarantineChange(String marketoField, boolean quarantined, String reason) {
}
