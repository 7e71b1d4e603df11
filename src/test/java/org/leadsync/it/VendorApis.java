package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The vendors' own APIs in the sandbox, called as a Marketo user or a Dynamics admin would: how tests
 * make and read persons and records without going through LeadSync.
 */
public final class VendorApis implements AutoCloseable {

    private static final String WEB_API = "sandbox/dynamics/api/data/v9.2/";

    private final Http http;
    private String marketoToken;
    private String dynamicsToken;

    public VendorApis(URL deployment) {
        this.http = Http.anonymous(deployment);
    }

    // --- Marketo ---

    public long createPerson(Map<String, Object> fields) {
        var person = Json.createObjectBuilder();
        fields.forEach((k, v) -> person.add(k, Json.createValue(String.valueOf(v))));
        JsonObject body = Json.createObjectBuilder().add("action", "createOnly").add("lookupField", "email")
                .add("input", Json.createArrayBuilder().add(person)).build();
        JsonObject answer = marketoPost("leads.json", body);
        JsonObject result = answer.getJsonArray("result").getJsonObject(0);
        assertEquals("created", result.getString("status"), answer.toString());
        return result.getJsonNumber("id").longValue();
    }

    public void updatePerson(long personId, Map<String, Object> fields) {
        var person = Json.createObjectBuilder().add("id", personId);
        fields.forEach((k, v) -> person.add(k, v == null ? jakarta.json.JsonValue.NULL : Json.createValue(String.valueOf(v))));
        JsonObject answer = marketoPost("leads.json", Json.createObjectBuilder().add("action", "updateOnly")
                .add("lookupField", "id").add("input", Json.createArrayBuilder().add(person)).build());
        assertEquals("updated", answer.getJsonArray("result").getJsonObject(0).getString("status"), answer.toString());
    }

    public JsonObject person(long personId, String fields) {
        try (Response r = http.target("sandbox/marketo/rest/v1/leads.json").queryParam("filterType", "id")
                .queryParam("filterValues", personId).queryParam("fields", fields)
                .request(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + marketoToken()).get()) {
            JsonObject answer = r.readEntity(JsonObject.class);
            assertTrue(answer.getBoolean("success"), answer.toString());
            JsonArray result = answer.getJsonArray("result");
            return result.isEmpty() ? null : result.getJsonObject(0);
        }
    }

    public JsonArray personsByEmail(String email, String fields) {
        try (Response r = http.target("sandbox/marketo/rest/v1/leads.json").queryParam("filterType", "email")
                .queryParam("filterValues", email).queryParam("fields", fields)
                .request(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + marketoToken()).get()) {
            JsonObject answer = r.readEntity(JsonObject.class);
            assertTrue(answer.getBoolean("success"), answer.toString());
            return answer.getJsonArray("result");
        }
    }

    private JsonObject marketoPost(String path, JsonObject body) {
        try (Response r = http.target("sandbox/marketo/rest/v1/" + path).request(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + marketoToken()).post(Entity.json(body))) {
            JsonObject answer = r.readEntity(JsonObject.class);
            assertTrue(answer.getBoolean("success"), answer.toString());
            return answer;
        }
    }

    /** One token per client, as a Marketo integration keeps it: the sandbox counts calls like Marketo (100 per 20 s). */
    private String marketoToken() {
        if (marketoToken == null) {
            marketoToken = fetchMarketoToken();
        }
        return marketoToken;
    }

    private String fetchMarketoToken() {
        return http.getJson("sandbox/marketo/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=sandbox-client&client_secret=sandbox-secret").getString("access_token");
    }

    // --- Dynamics ---

    /** Creates a lead or contact (`leads`, `contacts`) and returns its id. */
    public String create(String set, JsonObject record) {
        try (Response r = http.target(WEB_API + set).request(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + dynamicsToken()).header("Prefer", "return=representation")
                .post(Entity.json(record))) {
            JsonObject created = r.readEntity(JsonObject.class);
            assertEquals(201, r.getStatus(), created.toString());
            return created.getString(set.equals("leads") ? "leadid" : "contactid");
        }
    }

    public void delete(String set, String id) {
        try (Response r = http.target(WEB_API + set + "(" + id + ")").request()
                .header("Authorization", "Bearer " + dynamicsToken()).delete()) {
            assertEquals(204, r.getStatus());
        }
    }

    public JsonObject record(String set, String id) {
        try (Response r = http.target(WEB_API + set + "(" + id + ")").request(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + dynamicsToken()).get()) {
            JsonObject record = r.readEntity(JsonObject.class);
            assertEquals(200, r.getStatus(), record.toString());
            return record;
        }
    }

    public JsonArray byEmail(String set, String email) {
        return list(set, "$filter=" + URLEncoder.encode("emailaddress1 eq '" + email + "'", StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }

    public JsonArray list(String set, String query) {
        try (Response r = http.target(WEB_API + set + (query.isEmpty() ? "" : "?" + query))
                .request(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + dynamicsToken()).get()) {
            JsonObject page = r.readEntity(JsonObject.class);
            assertEquals(200, r.getStatus(), page.toString());
            return page.getJsonArray("value");
        }
    }

    private String dynamicsToken() {
        if (dynamicsToken == null) {
            dynamicsToken = fetchDynamicsToken();
        }
        return dynamicsToken;
    }

    private String fetchDynamicsToken() {
        try (Response r = http.target("sandbox/dynamics/tenant/oauth2/v2.0/token").request(MediaType.APPLICATION_JSON)
                .post(Entity.form(new Form().param("grant_type", "client_credentials")
                        .param("client_id", "sandbox-client").param("client_secret", "sandbox-secret")
                        .param("scope", "https://sandbox/.default")))) {
            return r.readEntity(JsonObject.class).getString("access_token");
        }
    }

    // --- the sandbox's own controls ---

    public void injectFault(String json) {
        try (Response r = http.target("sandbox/admin/faults").request().put(Entity.json(json))) {
            assertEquals(204, r.getStatus());
        }
    }

    public void clearFaults() {
        http.target("sandbox/admin/faults").request().delete().close();
    }

    public void addBusinessRule(String entity, String attribute, String rule) {
        try (Response r = http.postJson("sandbox/admin/dynamics/business-rules", Json.createObjectBuilder()
                .add("entity", entity).add("attribute", attribute).add("rule", rule).build())) {
            assertTrue(r.getStatus() < 300, "rule added: " + r.getStatus());
        }
    }

    public void clearBusinessRules() {
        http.target("sandbox/admin/dynamics/business-rules").request().delete().close();
    }

    @Override
    public void close() {
        http.close();
    }
}
