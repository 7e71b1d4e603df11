package org.leadsync.connector;

import jakarta.json.spi.JsonProvider;

/**
 * One JSON-P provider for the whole package. {@code jakarta.json.Json.createObjectBuilder()} and its
 * siblings look the provider up again on every call (a ServiceLoader scan that falls back to an OSGi
 * lookup inside Payara), which cost more CPU than the sync work itself under the benchmark.
 */
public final class JsonFactory {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonFactory() {
    }
}
