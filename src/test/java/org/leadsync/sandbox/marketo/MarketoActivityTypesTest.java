package org.leadsync.sandbox.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadsync.sandbox.Fault;
import org.junit.jupiter.api.Test;

/** GET /rest/v1/activities/types.json (REST API docs, "Activities", Describe: Get Activity Types). */
class MarketoActivityTypesTest {

    private final MarketoCalls m = new MarketoCalls();

    private JsonObject types(String authorization) {
        return MarketoCalls.body(m.rest.activityTypes(authorization, null));
    }

    @Test
    void theTypesTheSandboxLogsInMarketosEnvelope() {
        JsonObject body = types(m.bearer);
        assertTrue(body.getString("requestId").matches("[0-9a-f]+#[0-9a-f]+"), body.getString("requestId"));
        assertTrue(body.getBoolean("success"));
        JsonArray result = body.getJsonArray("result");
        Map<Integer, String> names = new LinkedHashMap<>();
        for (JsonValue v : result) {
            JsonObject type = v.asJsonObject();
            names.put(type.getInt("id"), type.getString("name"));
            assertFalse(type.getString("description").isBlank());
            JsonObject primary = type.getJsonObject("primaryAttribute");
            assertFalse(primary.getString("name").isBlank());
            assertFalse(primary.getString("dataType").isBlank());
            assertFalse(type.getJsonArray("attributes").isEmpty());
            for (JsonValue a : type.getJsonArray("attributes")) {
                assertEquals(Set.of("name", "dataType"), a.asJsonObject().keySet());
            }
        }
        assertEquals(Map.of(12, "New Lead", 13, "Change Data Value", 37, "Delete Lead"), names);
        Map<?, ?> calls = (Map<?, ?>) m.sandbox.stats().get("callsByEndpoint");
        assertEquals(1L, calls.get("GET activities/types.json"), "counted under its own endpoint");
    }

    @Test
    void everyAttributeTheSandboxWritesIsDeclaredByItsType() {
        Map<String, Object> person = new HashMap<>();
        person.put("email", "t@x.com");
        person.put("firstName", "T");
        m.sandbox.store().sync("createOrUpdate", "email", List.of(person));
        person.put("firstName", "Tee");
        m.sandbox.store().sync("createOrUpdate", "email", List.of(person));
        long id = (Long) m.sandbox.store().find("email", List.of("t@x.com")).get(0).get("id");
        m.sandbox.store().delete(List.of(id));
        Map<Integer, Set<String>> declared = new HashMap<>();
        for (JsonValue v : types(m.bearer).getJsonArray("result")) {
            Set<String> attributes = new HashSet<>();
            v.asJsonObject().getJsonArray("attributes").forEach(a -> attributes.add(a.asJsonObject().getString("name")));
            declared.put(v.asJsonObject().getInt("id"), attributes);
        }
        ActivityPage page = m.sandbox.store().read(0, a -> true, 300, 1000);
        assertEquals(List.of(12, 13, 37), page.activities().stream().map(Activity::typeId).toList());
        for (Activity a : page.activities()) {
            assertTrue(declared.get(a.typeId()).containsAll(a.attributes().keySet()),
                    a.typeId() + " writes " + a.attributes().keySet() + ", declares " + declared.get(a.typeId()));
        }
    }

    @Test
    void authenticatedAndFaultedAsTheOtherCalls() {
        JsonObject none = types(null);
        assertFalse(none.getBoolean("success"));
        assertEquals("600", none.getJsonArray("errors").getJsonObject(0).getString("code"));
        assertEquals("601", types("Bearer nope").getJsonArray("errors").getJsonObject(0).getString("code"));
        assertTrue(MarketoCalls.body(m.rest.activityTypes(null, m.bearer.substring(7))).getBoolean("success"),
                "?access_token= works too");
        m.sandbox.expireTokens();
        assertEquals("602", types(m.bearer).getJsonArray("errors").getJsonObject(0).getString("code"));
        MarketoCalls fresh = new MarketoCalls();
        fresh.sandbox.faults.arm(new Fault("marketo", null, "606", null, 1));
        assertEquals("606", MarketoCalls.body(fresh.rest.activityTypes(fresh.bearer, null))
                .getJsonArray("errors").getJsonObject(0).getString("code"));
    }
}
