package org.leadsync.sandbox.dynamics;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.leadsync.sandbox.JsonFactory;

/** Drives the Dataverse emulator's classes directly: one store, the Web API router and $batch, no HTTP. */
final class WebApiCalls {

    static final String ROOT = "http://localhost:8080/sandbox/dynamics/api/data/v9.2/";

    final DynamicsStore store = new DynamicsStore();
    final DataverseWebApi api = new DataverseWebApi();
    final DataverseBatch batch = new DataverseBatch();

    WebApiCalls() {
        api.store = store;
        batch.api = api;
        batch.store = store;
    }

    /** `target` is below the service root, with an optional query string (values not encoded). */
    static WebApiRequest request(String method, String target, Map<String, String> headers, String body) {
        String path = target;
        Map<String, String> query = new LinkedHashMap<>();
        int q = target.indexOf('?');
        if (q >= 0) {
            path = target.substring(0, q);
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        return new WebApiRequest(method, path, query, h::get, body, ROOT);
    }

    WebApiResponse call(String method, String target, Map<String, String> headers, String body) {
        return api.handle(request(method, target, headers, body));
    }

    WebApiResponse get(String target, Map<String, String> headers) {
        return call("GET", target, headers, null);
    }

    WebApiResponse get(String target) {
        return get(target, Map.of());
    }

    /** Follows an `@odata.nextLink` as a client does: the query string decoded, the same headers. */
    WebApiResponse follow(String nextLink, Map<String, String> headers) {
        String target = nextLink.substring(ROOT.length());
        int q = target.indexOf('?');
        StringBuilder decoded = new StringBuilder(target.substring(0, q + 1));
        for (String pair : target.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            decoded.append(decoded.charAt(decoded.length() - 1) == '?' ? "" : "&")
                    .append(pair, 0, eq + 1).append(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return get(decoded.toString(), headers);
    }

    String create(String set, String json) {
        WebApiResponse r = call("POST", set, Map.of(), json);
        if (r.status() != 204) {
            throw new AssertionError("create failed: " + r.status() + " " + r.body());
        }
        String entityId = r.headers().get("OData-EntityId");
        return entityId.substring(entityId.indexOf('(') + 1, entityId.length() - 1);
    }

    static JsonObject json(WebApiResponse response) {
        try (var reader = JsonFactory.JSON.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
