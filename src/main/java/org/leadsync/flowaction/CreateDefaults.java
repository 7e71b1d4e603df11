package org.leadsync.flowaction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * R17: values for required Dynamics attributes that no mapping fills (the lead's `subject`), from
 * `leadsync.dynamics.lead-defaults` / `contact-defaults` written as `attr=value,attr2=value2`.
 */
public final class CreateDefaults {

    private CreateDefaults() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return defaults;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected attr=value in create defaults, got: " + pair.trim());
            }
            defaults.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return defaults;
    }
}
