package org.leadsync.port;

/** One field changed by a Marketo Change Data Value activity; values as Marketo renders them (strings or null). */
public record FieldChange(String field, String oldValue, String newValue) {
}
