package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Marketo sandbox answers the vendor-documented requests in src/test/resources/fixtures/marketo with the
 * documented shapes (same keys, JSON types and codes; ids and timestamps may differ), over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MarketoSandboxIT {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "marketo");
    /** Values that must match the documentation exactly, not just by type. */
    private static final Set<String> EXACT = Set.of("code", "status", "success", "token_type", "activityTypeId", "name");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    URL base;

    private Http http;
    private String token;

    @BeforeEach
    void resetAndAuthenticate() {
        http = Http.anonymous(base); // the sandbox takes Marketo bearer tokens, not LeadSync credentials
        http.postJson("sandbox/admin/reset", "{}").close();
        token = http.getJson("sandbox/marketo/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=sandbox-client&client_secret=sandbox-secret").getString("access_token");
    }

    @AfterEach
    void close() {
        http.target("sandbox/admin/faults").request().delete().close();
        http.close();
    }

    @Test
    void authTokenFixture() throws Exception {
        conform("auth-token.json", Map.of("CLIENT_ID", "sandbox-client", "CLIENT_SECRET", "sandbox-secret"));
    }

    @Test
    void unauthorizedFixture() throws Exception {
        conform("unauthorized.json", Map.of());
    }

    @Test
    void syncCreateOnlyFixture() throws Exception {
        JsonObject answer = conform("sync-leads-create-only.json", Map.of());
        assertEquals(3, answer.getJsonArray("result").size());
    }

    @Test
    void syncSkippedFixture() throws Exception {
        createPerson("existing@example.com", "Ex", "Isting");
        conform("sync-leads-skipped.json", Map.of("\"EXISTING\"", "\"existing@example.com\""));
    }

    @Test
    void getLeadsByIdFixture() throws Exception {
        long abe = createPerson("abe@usa.gov", "Abraham", "Lincoln");
        long george = createPerson("george@usa.gov", "George", "Washington");
        JsonObject answer = conform("get-leads-by-id.json", Map.of("318581", String.valueOf(abe), "318592", String.valueOf(george)));
        assertEquals("Abraham", answer.getJsonArray("result").getJsonObject(0).getString("firstName"));
    }

    @Test
    void deleteLeadsFixture() throws Exception {
        long one = createPerson("one@example.com", "One", "Person");
        long two = createPerson("two@example.com", "Two", "Person");
        conform("delete-leads.json", Map.of("235", String.valueOf(one), "766", String.valueOf(two)));
        JsonObject after = rest("GET", "sandbox/marketo/rest/v1/leads.json?filterType=id&filterValues=" + one, null);
        assertTrue(after.getJsonArray("result").isEmpty(), after.toString());
    }

    @Test
    void pagingTokenFixture() throws Exception {
        conform("paging-token.json", Map.of());
    }

    @Test
    void leadChangesFixture() throws Exception {
        createPerson("changer@example.com", "FirstName_4914", "Changer");
        Thread.sleep(20);
        String since = URLEncoder.encode(Instant.now().toString(), StandardCharsets.UTF_8);
        Thread.sleep(20);
        String paging = rest("GET", "sandbox/marketo/rest/v1/activities/pagingtoken.json?sinceDatetime=" + since, null)
                .getString("nextPageToken");
        rest("POST", "sandbox/marketo/rest/v1/leads.json", "{\"input\":[{\"email\":\"changer@example.com\",\"firstName\":\"FirstName_6176\"}]}");
        JsonObject answer = conform("lead-changes.json", Map.of("TOKEN", paging));
        JsonObject change = answer.getJsonArray("result").getJsonObject(0).getJsonArray("fields").getJsonObject(0);
        assertEquals("FirstName_4914", change.getString("oldValue"));
        assertEquals("FirstName_6176", change.getString("newValue"));
    }

    @Test
    void longFilterListsGoAsPostWithMethodGet() {
        createPerson("form@example.com", "Form", "Post");
        Form form = new Form().param("filterType", "email").param("filterValues", "form@example.com,nobody@example.com")
                .param("fields", "email,msftIsDeleted,company");
        try (Response r = http.target("sandbox/marketo/rest/v1/leads.json").queryParam("_method", "GET").request()
                .header("Authorization", "Bearer " + token).post(Entity.form(form))) {
            JsonObject answer = r.readEntity(JsonObject.class);
            JsonArray result = answer.getJsonArray("result");
            assertEquals(1, result.size(), answer.toString());
            assertTrue(result.getJsonObject(0).containsKey("msftIsDeleted"));
        }
    }

    @Test
    void describeListsStandardAndCrmFields() {
        JsonArray fields = rest("GET", "sandbox/marketo/rest/v1/leads/describe.json", null).getJsonArray("result");
        Map<String, JsonObject> byName = new java.util.HashMap<>();
        fields.getValuesAs(JsonObject.class).forEach(f -> byName.put(f.getJsonObject("rest").getString("name"), f));
        for (String name : new String[] {"id", "email", "firstName", "lastName", "company", "title", "phone",
                "leadSource", "createdAt", "updatedAt", "msftType", "msftId", "msftIsDeleted"}) {
            assertTrue(byName.containsKey(name), name);
        }
        assertEquals("boolean", byName.get("msftIsDeleted").getString("dataType"));
        assertTrue(byName.get("id").getJsonObject("rest").getBoolean("readOnly"));
        assertEquals(255, byName.get("email").getInt("length"));
    }

    @Test
    void rateLimitAnswers606AndCountsTheRejection() {
        JsonObject last = null;
        for (int i = 0; i < 101; i++) {
            last = rest("GET", "sandbox/marketo/rest/v1/leads/describe.json", null);
        }
        assertFalse(last.getBoolean("success"));
        assertEquals("606", last.getJsonArray("errors").getJsonObject(0).getString("code"));
        JsonObject stats = http.getJson("sandbox/admin/stats").getJsonObject("marketo");
        assertEquals(1, stats.getInt("rateLimitRejections"));
        assertEquals(101, stats.getJsonObject("callsByEndpoint").getInt("GET leads/describe.json"));
    }

    @Test
    void injectedFaultsAnswerAsAsked() {
        http.target("sandbox/admin/faults").request().put(Entity.json("{\"system\":\"marketo\",\"status\":503,\"count\":1}")).close();
        try (Response r = http.target("sandbox/marketo/rest/v1/leads/describe.json").request()
                .header("Authorization", "Bearer " + token).get()) {
            assertEquals(503, r.getStatus());
        }
        http.target("sandbox/admin/faults").request().put(Entity.json("{\"system\":\"marketo\",\"marketoError\":\"607\",\"count\":1}")).close();
        JsonObject answer = rest("GET", "sandbox/marketo/rest/v1/leads/describe.json", null);
        assertEquals("607", answer.getJsonArray("errors").getJsonObject(0).getString("code"));
        assertTrue(rest("GET", "sandbox/marketo/rest/v1/leads/describe.json", null).getBoolean("success"));
    }

    @Test
    void seedIsServedAndCounted() {
        JsonObject stats = http.postJson("sandbox/admin/seed", "{\"marketoPersons\":1000,\"seed\":1}").readEntity(JsonObject.class);
        assertEquals(1000, stats.getJsonObject("marketo").getInt("persons"));
        JsonObject found = rest("GET", "sandbox/marketo/rest/v1/leads.json?filterType=email&filterValues=seed-person-7@example.com", null);
        assertEquals(1, found.getJsonArray("result").size());
    }

    @Test
    void customActivitiesAreAddedAndListed() {
        long id = createPerson("act@example.com", "Act", "Ive");
        String now = Instant.now().toString();
        JsonObject added = rest("POST", "sandbox/marketo/rest/v1/activities/external.json",
                "{\"input\":[{\"leadId\":" + id + ",\"activityDate\":\"" + now + "\",\"activityTypeId\":100001,"
                        + "\"primaryAttributeValue\":\"Synced\",\"attributes\":[{\"name\":\"Detail\",\"value\":\"x\"}]}]}");
        assertEquals("added", added.getJsonArray("result").getJsonObject(0).getString("status"));
        String paging = rest("GET", "sandbox/marketo/rest/v1/activities/pagingtoken.json?sinceDatetime=2000-01-01T00:00:00Z", null)
                .getString("nextPageToken");
        JsonObject listed = rest("GET", "sandbox/marketo/rest/v1/activities.json?activityTypeIds=100001&leadIds=" + id
                + "&nextPageToken=" + paging, null);
        assertEquals("Synced", listed.getJsonArray("result").getJsonObject(0).getString("primaryAttributeValue"));
    }

    private long createPerson(String email, String firstName, String lastName) {
        JsonObject answer = rest("POST", "sandbox/marketo/rest/v1/leads.json", "{\"action\":\"createOrUpdate\",\"input\":[{\"email\":\""
                + email + "\",\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\"}]}");
        return answer.getJsonArray("result").getJsonObject(0).getJsonNumber("id").longValue();
    }

    private JsonObject rest(String method, String path, String json) {
        Invocation.Builder request = http.target(path).request(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + token);
        try (Response r = json == null ? request.method(method) : request.method(method, Entity.json(json))) {
            assertEquals(200, r.getStatus());
            return r.readEntity(JsonObject.class);
        }
    }

    /** Sends the fixture's request (placeholders replaced) and checks the answer against its documented response. */
    private JsonObject conform(String file, Map<String, String> replacements) throws Exception {
        String text = Files.readString(FIXTURES.resolve(file));
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            text = text.replace(r.getKey(), r.getValue());
        }
        JsonObject fixture;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            fixture = reader.readObject();
        }
        JsonObject request = fixture.getJsonObject("request");
        JsonObject expected = fixture.getJsonObject("response");
        String path = request.getString("path");
        // the query string goes exactly as the fixture writes it (already encoded)
        Invocation.Builder builder = http.target("sandbox/marketo" + path).request(MediaType.APPLICATION_JSON);
        JsonObject headers = request.getJsonObject("headers");
        String auth = headers != null && headers.containsKey("Authorization") ? headers.getString("Authorization") : "Bearer " + token;
        builder.header("Authorization", auth);
        try (Response r = request.containsKey("body")
                ? builder.method(request.getString("method"), Entity.json(request.getJsonObject("body").toString()))
                : builder.method(request.getString("method"))) {
            assertEquals(expected.getInt("status"), r.getStatus(), file);
            JsonObject actual = Json.createReader(new StringReader(r.readEntity(String.class))).readObject();
            sameShape(file, expected.get("body"), actual, "$");
            return actual;
        }
    }

    private static void sameShape(String file, JsonValue expected, JsonValue actual, String path) {
        String where = file + " at " + path + ": expected " + expected + " but was " + actual;
        if (kind(expected) != kind(actual)) {
            fail("type differs " + where);
        }
        switch (expected.getValueType()) {
            case OBJECT -> {
                JsonObject e = expected.asJsonObject();
                JsonObject a = actual.asJsonObject();
                assertEquals(e.keySet(), a.keySet(), "keys differ " + where);
                for (String key : e.keySet()) {
                    if (EXACT.contains(key)) {
                        assertEquals(e.get(key), a.get(key), "value of " + key + " differs " + where);
                    }
                    sameShape(file, e.get(key), a.get(key), path + "." + key);
                }
            }
            case ARRAY -> {
                JsonArray e = expected.asJsonArray();
                JsonArray a = actual.asJsonArray();
                assertEquals(e.isEmpty(), a.isEmpty(), "emptiness differs " + where);
                for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                    sameShape(file, e.get(i), a.get(i), path + "[" + i + "]");
                }
            }
            default -> {
            }
        }
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE, FALSE -> "boolean";
            default -> value.getValueType().name();
        };
    }
}
