package org.leadsync.port;

import java.util.Locale;

/**
 * A Dynamics record id (a GUID) in the one form LeadSync stores and compares: lower case, no braces.
 * Dataverse answers GUIDs in either case; normalising once at the connector edge keeps every lookup
 * exact (docs/architecture.md, value types).
 */
public final class DynamicsId {

    private DynamicsId() {
    }

    /** The stored form of `id`, or null for null. */
    public static String of(Object id) {
        if (id == null) {
            return null;
        }
        String text = id.toString().trim();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.isEmpty() ? null : text.toLowerCase(Locale.ROOT);
    }
}
