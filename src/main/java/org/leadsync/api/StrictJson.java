package org.leadsync.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B for /api bodies: a field the endpoint does not know is refused (400), not silently dropped; and
 * empty values print as null rather than vanishing, so clients see docs/api.md's full shapes.
 */
@Provider
public class StrictJson implements ContextResolver<Jsonb> {

    /** Yasson's switch (Payara's JSON-B); other implementations ignore it. */
    static final String FAIL_ON_UNKNOWN = "jsonb.fail-on-unknown-properties";

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true).setProperty(FAIL_ON_UNKNOWN, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
