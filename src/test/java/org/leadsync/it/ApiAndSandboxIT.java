package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client reaches over HTTP in a Payara without a background cycle (the default failsafe execution), one
 * Payara boot for what used to be four classes:
 * <ul>
 * <li>API security (docs/api.md, Security): HTTP Basic with an admin and a viewer on /api, an API key on the
 * webhook, JSON errors throughout.</li>
 * <li>The ops console (docs/api.md, Ops console): GET / serves the console without credentials (only /api is
 * guarded), with its script and style from the same deployment. The WAR is deployed under a context path here,
 * which is why the console must build its URLs relative to the page. A browser check is
 * tools/console-screenshot.sh (needs Chromium).</li>
 * <li>The Marketo sandbox answers the vendor-documented requests in src/test/resources/fixtures/marketo with the
 * documented shapes (same keys, JSON types and codes; ids and timestamps may differ).</li>
 * <li>Each fixture of src/test/resources/fixtures/dynamics, sent to the sandbox, answers with its documented
 * shape.</li>
 * </ul>
 * Before each test the sandbox is reset (both vendors, faults cleared) and a Marketo token is fetched; after it,
 * armed faults are cleared.
 */
class ApiAndSandboxIT extends DeployedLeadSync {

    private static final Path MARKETO_FIXTURES = Path.of("src", "test", "resources", "fixtures", "marketo");
    private static final Path DYNAMICS_FIXTURES = Path.of("src", "test", "resources", "fixtures", "dynamics");
    /** Values of Marketo answers that must match the documentation exactly, not just by type. */
    private static final Set<String> EXACT = Set.of("code", "status", "success", "token_type", "activityTypeId", "name");
    private static final String API = "sandbox/dynamics";

    /** The sandbox takes vendor bearer tokens, not LeadSync credentials. */
    private Http anonymous;
    private String marketoToken;

    @BeforeEach
    void resetSandboxAndAuthenticate() {
        anonymous = Http.anonymous(base);
        try (Response r = anonymous.postJson("sandbox/admin/reset", "{}")) {
            assertEquals(200, r.getStatus());
        }
        marketoToken = anonymous.getJson("sandbox/marketo/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=sandbox-client&client_secret=sandbox-secret").getString("access_token");
    }

    @AfterEach
    void clearFaults() {
        anonymous.target("sandbox/admin/faults").request().delete().close();
        anonymous.close();
    }

    // ---- API security ---------------------------------------------------------------------------------------

    @Test
    void withoutCredentialsTheApiAnswers401WithAChallengeAndTheErrorBody() {
        try (Http http = Http.anonymous(base); Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void wrongPasswordIs401() {
        try (Http http = Http.basic(base, "admin", "not-the-password"); Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void unknownUserIs401() {
        try (Http http = Http.basic(base, "mallory", Http.setting("leadsync.admin.password", null));
             Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void unknownPathsAreNotProbedWithoutCredentials() {
        try (Http http = Http.anonymous(base); Response r = http.get("api/no-such-thing")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void malformedAuthorizationHeaderIs401() {
        try (Http http = Http.anonymous(base);
             Response r = http.target("api/sync/status").request().header("Authorization", "Basic %%%not-base64").get()) {
            assertUnauthorized(r);
        }
    }

    @Test
    void viewerMayReadTheStatus() {
        try (Http http = Http.viewer(base)) {
            JsonObject status = http.getJson("api/sync/status");
            assertTrue(status.containsKey("state"), status.toString());
        }
    }

    @Test
    void viewerMayNotPauseAndNothingChanges() {
        try (Http viewer = Http.viewer(base); Http admin = new Http(base); Response r = viewer.post("api/sync/pause")) {
            assertEquals(403, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("forbidden", error.getString("error"));
            assertFalse(admin.getJson("api/sync/status").getBoolean("paused"));
        }
    }

    @Test
    void viewerMayNotResume() {
        try (Http viewer = Http.viewer(base); Response r = viewer.post("api/sync/resume")) {
            assertEquals(403, r.getStatus());
            assertEquals("forbidden", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    @Test
    void adminPausesAndResumes() {
        try (Http admin = new Http(base)) {
            try (Response r = admin.post("api/sync/pause")) {
                assertEquals(200, r.getStatus());
                JsonObject status = r.readEntity(JsonObject.class);
                assertTrue(status.getBoolean("paused"), status.toString());
                assertEquals("paused", status.getString("state"));
            }
            JsonObject whilePaused = admin.getJson("api/sync/status");
            assertEquals("paused", whilePaused.getString("state"));
            try (Response r = admin.postJson("api/sync/resume", "{}")) {
                assertEquals(200, r.getStatus());
                JsonObject status = r.readEntity(JsonObject.class);
                assertFalse(status.getBoolean("paused"), status.toString());
                assertEquals("idle", status.getString("state"));
            }
            assertFalse(admin.getJson("api/sync/status").getBoolean("paused"));
        }
    }

    @Test
    void webhookWithoutKeyIs401() {
        try (Http http = Http.anonymous(base);
             Response r = http.postJson("api/flow-actions/sync-person-to-microsoft", "{\"leadId\":1}")) {
            assertEquals(401, r.getStatus());
            assertEquals("unauthorized", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    @Test
    void webhookWithWrongKeyIs401() {
        try (Http http = Http.webhook(base, "wrong-key");
             Response r = http.postJson("api/flow-actions/sync-person-to-microsoft", "{\"leadId\":1}")) {
            assertEquals(401, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("unauthorized", error.getString("error"));
            assertFalse(error.toString().contains(Http.setting("leadsync.webhook.api-key", "?")), "never echo the key");
        }
    }

    @Test
    void webhookDoesNotTakeAdminBasicCredentials() {
        try (Http admin = new Http(base);
             Response r = admin.postJson("api/flow-actions/sync-person-to-microsoft", "{\"leadId\":1}")) {
            assertEquals(401, r.getStatus());
        }
    }

    @Test
    void webhookKeyDoesNotOpenTheRestOfTheApi() {
        try (Http http = Http.webhook(base);
             Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void rightWebhookKeyPassesTheGate() {
        // the flow-action resource comes later: past the gate, an unknown path is 404, not 401
        try (Http http = Http.webhook(base);
             Response r = http.postJson("api/flow-actions/no-such-action", "{}")) {
            assertEquals(404, r.getStatus());
            assertEquals("not-found", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    @Test
    void healthOpenApiAndSandboxStayOpen() {
        try (Http http = Http.anonymous(base)) {
            for (String open : new String[] {"/health/ready", "/health/live", "/openapi", "sandbox/admin/stats"}) {
                try (Response r = http.target(open).request().get()) {
                    assertEquals(200, r.getStatus(), open);
                }
            }
        }
    }

    @Test
    void openApiDescribesTheNewEndpointsAndBasicAuth() {
        try (Http http = Http.anonymous(base); Response r = http.target("/openapi").request().get()) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus());
            assertTrue(body.contains("/persons/{leadId}/activities"), body);
            assertTrue(body.contains("/sync/errors"), body);
            assertTrue(body.contains("scheme: basic"), body);
            assertTrue(body.contains("lastname is required by Dynamics"), "examples are published");
        }
    }

    @Test
    void wrongMethodIs405WithTheErrorBody() {
        try (Http http = new Http(base); Response r = http.target("api/sync/status").request().delete()) {
            assertEquals(405, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("method-not-allowed", error.getString("error"));
            assertNotNull(r.getHeaderString("Allow"));
        }
    }

    @Test
    void wrongContentTypeIs415WithTheErrorBody() {
        try (Http http = new Http(base);
             Response r = http.target("api/sync/pause").request().post(Entity.entity("pause", MediaType.TEXT_PLAIN))) {
            assertEquals(415, r.getStatus());
            assertEquals("unsupported-media-type", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    private static void assertUnauthorized(Response r) {
        assertEquals(401, r.getStatus());
        assertEquals("Basic realm=\"LeadSync\"", r.getHeaderString("WWW-Authenticate"));
        assertTrue(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE), String.valueOf(r.getMediaType()));
        String body = r.readEntity(String.class);
        assertTrue(body.contains("\"error\":\"unauthorized\""), body);
        assertTrue(body.contains("\"message\""), body);
        assertFalse(body.contains(Http.setting("leadsync.admin.password", "?")), body);
    }

    // ---- Ops console ----------------------------------------------------------------------------------------

    @Test
    void theConsoleIsAnOpenHtmlPageThatLoadsItsOwnScriptAndStyle() {
        String page = fetch("", "text/html");
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<script src=\"console.js\""), "relative script link: " + page);
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"console.css\">"), "relative style link: " + page);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "nothing from another host");
        assertEquals(page, fetch("index.html", "text/html"));
    }

    @Test
    void theScriptCallsOnlyTheApiRelativeToThePageAndSendsBasicCredentials() {
        String script = fetch("console.js", "javascript");
        assertTrue(script.contains("new URL(path, document.baseURI)"), "URLs relative to the page");
        assertFalse(Pattern.compile("['\"`]/api").matcher(script).find(), "no absolute /api path");
        assertFalse(script.contains("innerHTML"), "API data reaches the page as text only");
        assertTrue(script.contains("headers.Authorization"), "Basic credentials on every call");
        for (String path : new String[] {"'api/sync/status'", "'api/sync/errors'", "'api/persons/'", "'api/fields'",
                "'api/field-mappings'", "'api/sync/'"}) {
            assertTrue(script.contains(path), path);
        }
        assertFalse(script.contains("force"), "no force-sync (R3)");
    }

    @Test
    void theStyleIsServed() {
        assertTrue(fetch("console.css", "text/css").contains("body"));
    }

    @Test
    void theApiBehindTheConsoleStillNeedsCredentials() {
        try (Http http = Http.anonymous(base); Response r = http.get("api/sync/status")) {
            assertEquals(401, r.getStatus());
        }
    }

    private String fetch(String path, String type) {
        try (Http http = Http.anonymous(base); Response r = http.target(path).request().get()) {
            assertEquals(200, r.getStatus(), path);
            assertTrue(String.valueOf(r.getMediaType()).contains(type), path + " is " + r.getMediaType());
            return r.readEntity(String.class);
        }
    }

    // ---- Marketo sandbox ------------------------------------------------------------------------------------

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
        String start = rest("GET", "sandbox/marketo/rest/v1/activities/pagingtoken.json?sinceDatetime=2000-01-01T00:00:00Z", null)
                .getString("nextPageToken");
        createPerson("changer@example.com", "FirstName_4914", "Changer");
        // the token the feed hands back once it has delivered the creation names the position after it (an event,
        // not an instant on some clock): read from there, the change below is all that follows
        String paging = endOfLeadChanges(start);
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
        try (Response r = anonymous.target("sandbox/marketo/rest/v1/leads.json").queryParam("_method", "GET").request()
                .header("Authorization", "Bearer " + marketoToken).post(Entity.form(form))) {
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
        JsonObject stats = anonymous.getJson("sandbox/admin/stats").getJsonObject("marketo");
        assertEquals(1, stats.getInt("rateLimitRejections"));
        assertEquals(101, stats.getJsonObject("callsByEndpoint").getInt("GET leads/describe.json"));
    }

    @Test
    void injectedFaultsAnswerAsAsked() {
        anonymous.target("sandbox/admin/faults").request().put(Entity.json("{\"system\":\"marketo\",\"status\":503,\"count\":1}")).close();
        try (Response r = anonymous.target("sandbox/marketo/rest/v1/leads/describe.json").request()
                .header("Authorization", "Bearer " + marketoToken).get()) {
            assertEquals(503, r.getStatus());
        }
        anonymous.target("sandbox/admin/faults").request().put(Entity.json("{\"system\":\"marketo\",\"marketoError\":\"607\",\"count\":1}")).close();
        JsonObject answer = rest("GET", "sandbox/marketo/rest/v1/leads/describe.json", null);
        assertEquals("607", answer.getJsonArray("errors").getJsonObject(0).getString("code"));
        assertTrue(rest("GET", "sandbox/marketo/rest/v1/leads/describe.json", null).getBoolean("success"));
    }

    @Test
    void seedIsServedAndCounted() {
        JsonObject stats = anonymous.postJson("sandbox/admin/seed", "{\"marketoPersons\":1000,\"seed\":1}").readEntity(JsonObject.class);
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

    /** Reads the lead-change feed from `token` until nothing more is waiting; answers the token it ends on. */
    private String endOfLeadChanges(String token) {
        JsonObject page;
        do {
            page = rest("GET", "sandbox/marketo/rest/v1/activities/leadchanges.json?fields=firstName&nextPageToken=" + token, null);
            token = page.getString("nextPageToken");
        } while (page.getBoolean("moreResult"));
        return token;
    }

    private long createPerson(String email, String firstName, String lastName) {
        JsonObject answer = rest("POST", "sandbox/marketo/rest/v1/leads.json", "{\"action\":\"createOrUpdate\",\"input\":[{\"email\":\""
                + email + "\",\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\"}]}");
        return answer.getJsonArray("result").getJsonObject(0).getJsonNumber("id").longValue();
    }

    private JsonObject rest(String method, String path, String json) {
        Invocation.Builder request = anonymous.target(path).request(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + marketoToken);
        try (Response r = json == null ? request.method(method) : request.method(method, Entity.json(json))) {
            assertEquals(200, r.getStatus());
            return r.readEntity(JsonObject.class);
        }
    }

    /** Sends the fixture's request (placeholders replaced) and checks the answer against its documented response. */
    private JsonObject conform(String file, Map<String, String> replacements) throws Exception {
        String text = Files.readString(MARKETO_FIXTURES.resolve(file));
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
        Invocation.Builder builder = anonymous.target("sandbox/marketo" + path).request(MediaType.APPLICATION_JSON);
        JsonObject headers = request.getJsonObject("headers");
        String auth = headers != null && headers.containsKey("Authorization") ? headers.getString("Authorization") : "Bearer " + marketoToken;
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

    // ---- Dynamics sandbox -----------------------------------------------------------------------------------

    private static JsonObject fixture(String name) throws Exception {
        try (var reader = Json.createReader(new StringReader(Files.readString(DYNAMICS_FIXTURES.resolve(name))))) {
            return reader.readObject();
        }
    }

    private String token(Http http, Form form) {
        try (Response r = http.target(API + "/contoso/oauth2/v2.0/token").request().post(Entity.form(form))) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus(), body);
            JsonObject token = read(body);
            assertEquals("Bearer", token.getString("token_type"));
            assertTrue(token.getJsonNumber("expires_in").longValue() > 0);
            return token.getString("access_token");
        }
    }

    private String token(Http http) {
        return token(http, new Form().param("grant_type", "client_credentials").param("client_id", "sandbox-client")
                .param("client_secret", "sandbox-secret").param("scope", "https://org/.default"));
    }

    private static JsonObject read(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** A plain answer; java.net.http sends the fixture requests because Jersey's default connector cannot PATCH on Java 17. */
    private record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();

    /** Sends the fixture's request (path below the Dynamics base, or an absolute link) with its headers and body. */
    private Reply send(String token, JsonObject request, String pathOrLink, JsonValue body) throws Exception {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        java.net.URI uri = pathOrLink.startsWith("http") ? java.net.URI.create(pathOrLink)
                : java.net.URI.create(root + API + pathOrLink.replace(" ", "%20"));
        java.net.http.HttpRequest.Builder call = java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        JsonObject headers = request.getJsonObject("headers");
        if (headers != null) {
            for (Map.Entry<String, JsonValue> h : headers.entrySet()) {
                call.header(h.getKey(), ((JsonString) h.getValue()).getString());
            }
        }
        if (body != null && (headers == null || !headers.containsKey("Content-Type"))) {
            call.header("Content-Type", "application/json");
        }
        call.method(request.getString("method"), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()));
        java.net.http.HttpResponse<String> r = jdk.send(call.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers(), r.body());
    }

    private static String absoluteQueryDecoded(String link) {
        return URLDecoder.decode(link, StandardCharsets.UTF_8);
    }

    /** The fixture's body shape: every key it has is there; literal values match unless they are placeholders. */
    private static void assertShape(String where, JsonValue expected, JsonValue actual) {
        switch (expected.getValueType()) {
            case OBJECT -> {
                assertEquals(JsonValue.ValueType.OBJECT, actual.getValueType(), where);
                for (Map.Entry<String, JsonValue> e : expected.asJsonObject().entrySet()) {
                    JsonValue a = actual.asJsonObject().get(e.getKey());
                    assertNotNull(a, where + "." + e.getKey() + " missing in " + actual);
                    assertShape(where + "." + e.getKey(), e.getValue(), a);
                }
            }
            case ARRAY -> {
                JsonArray actualArray = actual.asJsonArray();
                for (JsonValue e : expected.asJsonArray()) {
                    boolean found = false;
                    for (JsonValue a : actualArray) {
                        try {
                            assertShape(where + "[]", e, a);
                            found = true;
                            break;
                        } catch (AssertionError ignored) {
                            // try the next element
                        }
                    }
                    assertTrue(found, where + ": no element shaped like " + e + " in " + actual);
                }
            }
            case STRING -> {
                String e = ((JsonString) expected).getString();
                assertEquals(JsonValue.ValueType.STRING, actual.getValueType(), where);
                String a = absoluteQueryDecoded(((JsonString) actual).getString());
                if (e.contains("[Organization URI]")) {
                    String tail = absoluteQueryDecoded(e.substring(e.indexOf("[Organization URI]") + "[Organization URI]".length()));
                    String stable = tail.contains("$deltatoken=") ? tail.substring(0, tail.indexOf("$deltatoken=") + 12) : tail;
                    assertTrue(a.contains(stable), where + ": '" + a + "' should contain '" + stable + "'");
                } else if (e.startsWith("W/\"")) {
                    assertTrue(a.matches("W/\"\\d+\""), where + ": etag " + a);
                } else if (e.matches("[0-9a-f]{8}-[0-9a-f-]{27}")) {
                    assertTrue(a.matches("[0-9a-f]{8}-[0-9a-f-]{27}"), where + ": guid " + a);
                } else if (!e.contains("<")) {
                    assertEquals(e, a, where);
                }
            }
            default -> assertEquals(expected.getValueType(), actual.getValueType(), where);
        }
    }

    private static JsonObject check(JsonObject fixture, Reply r) {
        JsonObject expected = fixture.getJsonObject("response");
        String body = r.body();
        assertEquals(expected.getInt("status"), r.status(), body);
        JsonObject headers = expected.getJsonObject("headers");
        if (headers != null) {
            headers.keySet().forEach(h -> assertNotNull(r.header(h), "header " + h));
        }
        JsonObject actual = read(body);
        assertShape("body", expected.get("body"), actual);
        return actual;
    }

    private String createLead(Http http, String token, String json) {
        try (Response r = http.target(API + "/api/data/v9.2/leads").request().header("Authorization", "Bearer " + token)
                .post(Entity.entity(json, MediaType.APPLICATION_JSON))) {
            assertEquals(204, r.getStatus(), r.readEntity(String.class));
            String entityId = r.getHeaderString("OData-EntityId");
            return entityId.substring(entityId.lastIndexOf('(') + 1, entityId.length() - 1);
        }
    }

    @Test
    void createWithReturnRepresentation() throws Exception {
        JsonObject f = fixture("create-return-representation.json");
        try (Http http = Http.anonymous(base)) {
            Reply r = send(token(http), f.getJsonObject("request"),
                f.getJsonObject("request").getString("path"), f.getJsonObject("request").get("body"));
            assertTrue(r.header("OData-EntityId").matches(".*/api/data/v9\\.2/leads\\([0-9a-f-]{36}\\)"));
            JsonObject body = check(f, r);
            assertTrue(body.getString("@odata.context").endsWith("$metadata#leads(lastname,subject,companyname)/$entity"));
            assertTrue(body.containsKey("createdon") && body.containsKey("modifiedon"));
        }
    }

    @Test
    void maxLengthValidation() throws Exception {
        JsonObject f = fixture("maxlength-validation.json");
        JsonObject body = Json.createObjectBuilder(f.getJsonObject("request").getJsonObject("body")).add("lastname", "x".repeat(51)).build();
        try (Http http = Http.anonymous(base)) {
            Reply r = send(token(http), f.getJsonObject("request"),
                f.getJsonObject("request").getString("path"), body);
            check(f, r);
        }
    }

    @Test
    void updateOfAMissingRowWithIfMatchStar() throws Exception {
        JsonObject f = fixture("update-missing.json");
        try (Http http = Http.anonymous(base)) {
            Reply r = send(token(http), f.getJsonObject("request"),
                f.getJsonObject("request").getString("path"), f.getJsonObject("request").get("body"));
            check(f, r);
        }
    }

    @Test
    void changeTrackingInitialThenDelta() throws Exception {
        JsonObject initial = fixture("change-tracking-initial.json");
        JsonObject delta = fixture("change-tracking-delta.json");
        try (Http http = Http.anonymous(base)) {
            String token = token(http);
            String monte = createLead(http, token, "{\"firstname\":\"Monte\",\"lastname\":\"Orton\",\"emailaddress1\":\"monte@example.com\",\"subject\":\"s\"}");
            String other = createLead(http, token, "{\"lastname\":\"Gone\",\"subject\":\"s\"}");
            String deltaLink;
            {
                Reply r = send(token, initial.getJsonObject("request"), initial.getJsonObject("request").getString("path"), null);
                deltaLink = check(initial, r).getString("@odata.deltaLink");
            }
            JsonObject patch = Json.createObjectBuilder().add("method", "PATCH")
                    .add("headers", Json.createObjectBuilder().add("If-Match", "*")).build();
            assertEquals(204, send(token, patch, "/api/data/v9.2/leads(" + monte + ")",
                    Json.createObjectBuilder().add("firstname", "Monty").build()).status());
            try (Response r = http.target(API + "/api/data/v9.2/leads(" + other + ")").request()
                    .header("Authorization", "Bearer " + token).delete()) {
                assertEquals(204, r.getStatus());
            }
            {
                Reply r = send(token, delta.getJsonObject("request"), deltaLink, null);
                JsonObject body = check(delta, r);
                assertEquals(2, body.getJsonArray("value").size());
                assertTrue(body.getJsonArray("value").toString().contains(other));
            }
        }
    }

    @Test
    void serviceProtectionAfterSixThousandRequests() throws Exception {
        JsonObject f = fixture("service-protection.json");
        try (Http http = Http.anonymous(base)) {
            String token = token(http, new Form().param("grant_type", "password").param("client_id", "sandbox-client")
                    .param("username", "throttled@example.com").param("password", "pw").param("scope", "https://org/.default"));
            AtomicInteger ok = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    futures.add(pool.submit(() -> {
                        while (ok.get() < 6000) {
                            try (Response r = http.target(API + "/api/data/v9.2/leads").queryParam("$top", 1).request()
                                    .header("Authorization", "Bearer " + token).get()) {
                                if (r.getStatus() == 200) {
                                    ok.incrementAndGet();
                                } else if (r.getStatus() == 429) {
                                    return;
                                } else {
                                    fail("unexpected " + r.getStatus());
                                }
                            }
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(ok.get() <= 6000, "admitted " + ok.get());
            {
                Reply r = send(token, f.getJsonObject("request"), f.getJsonObject("request").getString("path"), null);
                assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1);
                check(f, r);
            }
            JsonObject stats = http.getJson("sandbox/admin/stats").getJsonObject("dynamics");
            assertTrue(stats.getJsonNumber("rateLimited").longValue() >= 1, stats.toString());
            // another user is not affected
            try (Response r = http.target(API + "/api/data/v9.2/leads").queryParam("$top", 1).request()
                    .header("Authorization", "Bearer " + token(http)).get()) {
                assertEquals(200, r.getStatus());
            }
        }
    }

    @Test
    void unknownOrMissingTokensGet401() {
        try (Http http = Http.anonymous(base);
             Response r = http.target(API + "/api/data/v9.2/leads").request().header("Authorization", "Bearer nope").get();
             Response bad = http.target(API + "/t/oauth2/v2.0/token").request().post(Entity.form(new Form()
                     .param("grant_type", "client_credentials").param("client_id", "sandbox-client").param("client_secret", "wrong")))) {
            assertEquals(401, r.getStatus());
            assertEquals(401, bad.getStatus());
        }
    }

    @Test
    void attributeMetadataDescribesTheLeadTable() {
        try (Http http = Http.anonymous(base); Response r = http.target(API + "/api/data/v9.2/EntityDefinitions(LogicalName='lead')/Attributes")
                .request().header("Authorization", "Bearer " + token(http)).get()) {
            JsonObject body = read(r.readEntity(String.class));
            assertEquals(200, r.getStatus());
            JsonObject lastname = body.getJsonArray("value").stream().map(JsonValue::asJsonObject)
                    .filter(a -> a.getString("LogicalName").equals("lastname")).findFirst().orElseThrow();
            assertEquals("String", lastname.getString("AttributeType"));
            assertEquals(50, lastname.getInt("MaxLength"));
            assertEquals("ApplicationRequired", lastname.getJsonObject("RequiredLevel").getString("Value"));
            assertTrue(lastname.getBoolean("IsValidForCreate") && lastname.getBoolean("IsValidForUpdate"));
            assertTrue(body.toString().contains("\"LogicalName\":\"new_synctomkto\",\"AttributeType\":\"Boolean\""), body.toString());
        }
    }

    @Test
    void aFailingChangeSetIsRolledBackAndBusinessRulesAreAdminDefined() {
        try (Http http = Http.anonymous(base)) {
            try (Response r = http.postJson("sandbox/admin/dynamics/business-rules",
                    "{\"entity\":\"lead\",\"attribute\":\"telephone1\",\"rule\":\"regex:\\\\+?[0-9 ]+\"}")) {
                assertEquals(201, r.getStatus(), r.readEntity(String.class));
            }
            try (Response r = http.postJson("sandbox/admin/dynamics/business-rules", "{\"entity\":\"lead\",\"attribute\":\"nope\",\"rule\":\"required\"}")) {
                assertEquals(400, r.getStatus());
            }
            String batch = String.join("\r\n",
                    "--batch_1", "Content-Type: multipart/mixed; boundary=changeset_1", "",
                    "--changeset_1", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "Content-ID: 1", "",
                    "POST /api/data/v9.2/leads HTTP/1.1", "Content-Type: application/json; type=entry", "",
                    "{\"lastname\":\"Kept?\",\"subject\":\"s\"}",
                    "--changeset_1", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "Content-ID: 2", "",
                    "POST /api/data/v9.2/leads HTTP/1.1", "Content-Type: application/json; type=entry", "",
                    "{\"lastname\":\"Bad phone\",\"subject\":\"s\",\"telephone1\":\"call me\"}",
                    "--changeset_1--",
                    "--batch_1", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "",
                    "GET /api/data/v9.2/leads?$select=lastname HTTP/1.1", "", "",
                    "--batch_1--", "");
            try (Response r = http.target(API + "/api/data/v9.2/$batch").request().header("Authorization", "Bearer " + token(http))
                    .header("Prefer", "odata.continue-on-error")
                    .post(Entity.entity(batch, "multipart/mixed; boundary=batch_1"))) {
                String body = r.readEntity(String.class);
                assertEquals(200, r.getStatus(), body);
                assertTrue(r.getHeaderString("Content-Type").matches("multipart/mixed;\\s*boundary=batchresponse_.*"), r.getHeaderString("Content-Type"));
                assertTrue(body.contains("HTTP/1.1 400 Bad Request") && body.contains("0x80040265"), body);
                assertTrue(body.contains("\"value\":[]"), "the change set's first create was rolled back: " + body);
            }
        }
    }
}
