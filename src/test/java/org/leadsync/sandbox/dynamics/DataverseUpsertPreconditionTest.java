package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PATCH as a limited upsert (Web API, "Perform conditional operations using the Web API", Limit
 * upsert operations): `If-None-Match: *` only creates, `If-Match: *` only updates.
 */
class DataverseUpsertPreconditionTest {

    private final WebApiCalls dv = new WebApiCalls();
    private final String id = UUID.randomUUID().toString();

    private WebApiResponse patch(Map<String, String> headers, String body) {
        return dv.call("PATCH", "leads(" + id + ")", headers, body);
    }

    private JsonObject row() {
        WebApiResponse r = dv.get("leads(" + id + ")");
        return r.status() == 200 ? WebApiCalls.json(r) : null;
    }

    @Test
    void ifNoneMatchStarCreatesARowThatIsMissing() {
        WebApiResponse created = patch(Map.of("If-None-Match", "*"), "{\"lastname\":\"Orton\"}");
        assertEquals(204, created.status(), created.body());
        assertEquals(WebApiCalls.ROOT + "leads(" + id + ")", created.headers().get("OData-EntityId"));
        assertEquals("Orton", row().getString("lastname"));
    }

    @Test
    void ifNoneMatchStarOnAnExistingRowIs412AndChangesNothing() {
        patch(Map.of(), "{\"lastname\":\"Orton\"}");
        String etag = row().getString("@odata.etag");
        WebApiResponse refused = patch(Map.of("If-None-Match", "*"), "{\"lastname\":\"Changed\"}");
        assertEquals(412, refused.status());
        JsonObject error = WebApiCalls.json(refused).getJsonObject("error");
        assertEquals("", error.getString("code"), "the documented body has an empty code");
        assertEquals("A record with matching key values already exists.", error.getString("message"));
        assertEquals("Orton", row().getString("lastname"));
        assertEquals(etag, row().getString("@odata.etag"), "no new version");
    }

    @Test
    void ifMatchStarOnlyUpdates() {
        WebApiResponse missing = patch(Map.of("If-Match", "*"), "{\"lastname\":\"Orton\"}");
        assertEquals(404, missing.status());
        assertEquals("lead With Id = " + id + " Does Not Exist",
                WebApiCalls.json(missing).getJsonObject("error").getString("message"));
        assertNull(row());
        patch(Map.of(), "{\"lastname\":\"Orton\"}");
        assertEquals(204, patch(Map.of("If-Match", "*"), "{\"lastname\":\"Lynch\"}").status());
        assertEquals("Lynch", row().getString("lastname"));
    }

    @Test
    void withoutConditionsOrWithIfNoneMatchNullItIsAPlainUpsert() {
        assertEquals(204, patch(Map.of("If-None-Match", "null"), "{\"lastname\":\"Orton\"}").status());
        assertEquals(204, patch(Map.of("If-None-Match", "null"), "{\"lastname\":\"Lynch\"}").status());
        assertEquals(204, patch(Map.of(), "{\"firstname\":\"Nancy\"}").status());
        assertEquals("Lynch", row().getString("lastname"));
        assertEquals("Nancy", row().getString("firstname"));
    }

    @Test
    void insideABatchTheRefusalIsThatPartsAnswer() {
        patch(Map.of(), "{\"lastname\":\"Orton\"}");
        String body = String.join("\r\n",
                "--batch_A", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "",
                "PATCH /api/data/v9.2/leads(" + id + ") HTTP/1.1", "Content-Type: application/json", "If-None-Match: *", "",
                "{\"lastname\":\"Changed\"}",
                "--batch_A--", "");
        WebApiResponse r = dv.batch.execute(WebApiCalls.request("POST", "$batch",
                Map.of("Content-Type", "multipart/mixed; boundary=batch_A", "Prefer", "odata.continue-on-error"), body));
        assertEquals(200, r.status());
        assertTrue(r.body().contains("HTTP/1.1 412 Precondition Failed"), r.body());
        assertNotNull(row());
        assertEquals("Orton", row().getString("lastname"));
    }
}
