package org.leadsync.sandbox.marketo;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.concurrent.ThreadLocalRandom;
import org.leadsync.sandbox.JsonFactory;

/** Marketo's response envelope: requestId, success, result, errors, moreResult, nextPageToken. */
final class Envelope {

    private Envelope() {
    }

    static JsonObjectBuilder ok() {
        return JsonFactory.JSON.createObjectBuilder().add("requestId", requestId()).add("success", true);
    }

    static JsonObject ok(JsonArray result) {
        return ok().add("result", result).build();
    }

    static JsonObject failure(String code, String message) {
        return JsonFactory.JSON.createObjectBuilder()
                .add("requestId", requestId())
                .add("success", false)
                .add("errors", JsonFactory.JSON.createArrayBuilder()
                        .add(JsonFactory.JSON.createObjectBuilder().add("code", code).add("message", message)))
                .build();
    }

    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Integer.toHexString(random.nextInt(0x1000, 0x10000)) + "#" + Long.toHexString(System.currentTimeMillis());
    }
}
