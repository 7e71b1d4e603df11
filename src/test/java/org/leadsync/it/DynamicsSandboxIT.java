package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each fixture of src/test/resources/fixtures/dynamics, sent to the sandbox over HTTP, answers with its documented shape. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DynamicsSandboxIT {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "dynamics");
    private static final String API = "sandbox/dynamics";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void reset() {
        try (Http http = Http.anonymous(base); Response r = http.postJson("sandbox/admin/reset", "{}")) {
            assertEquals(200, r.getStatus());
        }
    }

    private static JsonObject fixture(String name) throws Exception {
        try (var reader = Json.createReader(new StringReader(Files.readString(FIXTURES.resolve(name))))) {
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
