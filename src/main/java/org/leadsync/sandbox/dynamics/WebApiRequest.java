package org.leadsync.sandbox.dynamics;

import java.util.Map;
import java.util.function.Function;

/**
 * One Web API request as the emulator sees it, whether it came over HTTP or inside a $batch part.
 * `path` is below `/api/data/v9.2/`; `serviceRoot` ends with `/api/data/v9.2/`.
 */
record WebApiRequest(String method, String path, Map<String, String> query, Function<String, String> header,
                     String body, String serviceRoot) {

    String prefer() {
        String value = header.apply("Prefer");
        return value == null ? "" : value;
    }

    boolean prefers(String preference) {
        for (String p : prefer().split(",")) {
            if (p.trim().equalsIgnoreCase(preference)) {
                return true;
            }
        }
        return false;
    }

    Integer maxPageSize() {
        for (String p : prefer().split(",")) {
            String t = p.trim();
            if (t.startsWith("odata.maxpagesize=")) {
                return Integer.valueOf(t.substring("odata.maxpagesize=".length()).trim());
            }
        }
        return null;
    }
}
