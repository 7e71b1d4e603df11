package org.leadsync.sandbox.marketo;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.concurrent.ThreadLocalRandom;

/** Marketo's response envelope: requestId, success, result, errors, moreResult, nextPageToken. */
final class Envelope {

    private Envelope() {
    }

    static JsonObjectBuilder ok() {
        return Json.createObjectBuilder().add("requestId", requestId()).add("success", true);
    }

    static JsonObject ok(JsonArray result) {
        return ok().add("result", result).build();
    }

    static JsonObject failure(String code, String message) {
        return Json.createObjectBuilder()
                .add("requestId", requestId())
                .add("success", false)
                .add("errors", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("code", code).add("message", message)))
                .build();
    }

    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Integer.toHexString(random.nextInt(0x1000, 0x10000)) + "#" + Long.toHexString(System.currentTimeMillis());
    }
}
