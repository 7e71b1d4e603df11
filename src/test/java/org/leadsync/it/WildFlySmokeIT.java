package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The same WAR on WildFly 39 (failsafe executions wildfly-h2 and wildfly-postgresql of the `wildfly` profile): the
 * server the profile provisioned with Galleon, configured by server-config/wildfly/*.cli exactly as README.md,
 * Deploy to WildFly, says. Ready, a cycle against the sandbox, the flow action, the status, field setup. On
 * PostgreSQL the database is created only after the server is up: readiness is DOWN naming the reason until then
 * (docs/architecture.md, Deployment).
 */
@ExtendWith(WildFlySmokeIT.OnlyInTheWildFlyProfile.class)
class WildFlySmokeIT {

    static final class OnlyInTheWildFlyProfile implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String database = System.getProperty("leadsync.wildfly.db", "");
            return database.isBlank() || database.startsWith("${")
                    ? ConditionEvaluationResult.disabled("WildFly runs only in the wildfly profile (mvn -Pwildfly verify)")
                    : ConditionEvaluationResult.enabled("on WildFly with " + database);
        }
    }

    private static final String DATABASE = System.getProperty("leadsync.wildfly.db", "");
    private static WildFlyServer wildfly;
    private static Http http;
    private static SandboxVendors vendors;
    private static SyncWatch sync;
    /** What readiness answered before the database existed (PostgreSQL only). */
    private static String downBeforeTheDatabase;

    @BeforeAll
    static void startWildFly() throws Exception {
        Map<String, String> environment = new HashMap<>();
        String url = System.getenv("LEADSYNC_DB_URL");
        if (DATABASE.equals("postgresql")) {
            environment.put("LEADSYNC_DB_URL", url);
            environment.put("LEADSYNC_DB_USER", System.getenv("LEADSYNC_DB_USER"));
            environment.put("LEADSYNC_DB_PASSWORD", System.getenv("LEADSYNC_DB_PASSWORD"));
            SyncRulesDatabase.drop(url);
        }
        wildfly = WildFlyServer.configure(DATABASE, environment);
        wildfly.start(environment);
        String[] body = new String[1];
        if (DATABASE.equals("postgresql")) {
            SyncWatch.await("readiness DOWN naming the missing database", () -> wildfly.readiness(body) == 503
                    && body[0].contains("\"database\"") && body[0].contains("does not exist"), () -> body[0] + tail());
            downBeforeTheDatabase = body[0];
            SyncRulesDatabase.create(url);
        }
        SyncWatch.await("WildFly ready with LeadSync's database", () -> wildfly.readiness(body) == 200
                && body[0].contains("\"database\""), () -> body[0] + tail());
        http = new Http(wildfly.base());
        vendors = new SandboxVendors(wildfly.base());
        sync = new SyncWatch(http);
    }

    @AfterAll
    static void stopWildFly() throws Exception {
        if (http != null) {
            http.close();
        }
        if (wildfly != null) {
            wildfly.close();
        }
    }

    @Test
    void readyOnTheConfiguredDatabase() {
        String[] body = new String[1];
        assertEquals(200, wildfly.readiness(body), body[0]);
        JsonObject database = Json.createReader(new StringReader(body[0])).readObject().getJsonArray("checks")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("UP", database.getString("status"), body[0]);
        assertEquals(DATABASE.equals("h2") ? "H2" : "PostgreSQL", database.getJsonObject("data").getString("product"));
        if (DATABASE.equals("postgresql")) {
            assertTrue(downBeforeTheDatabase.contains("\"DOWN\""), downBeforeTheDatabase);
        }
    }

    @Test
    void aCycleCarriesANewLeadToMarketo() {
        String email = unique("cycle");
        vendors.create("leads", Json.createObjectBuilder().add("lastname", "Lamarr").add("firstname", "Hedy")
                .add("emailaddress1", email).add("subject", "smoke").build().toString());
        List<JsonObject> persons = SyncWatch.awaitValue("the lead as a Marketo person", () -> vendors.personsBy("email", email),
                found -> !found.isEmpty());
        assertEquals("Lamarr", persons.get(0).getString("lastName"));
    }

    @Test
    void theFlowActionCreatesALead() {
        String email = unique("flow");
        long personId = vendors.createPerson(Json.createObjectBuilder().add("email", email).add("firstName", "Ada")
                .add("lastName", "Lovelace").add("company", "Engines").build().toString());
        try (Http hook = Http.webhook(wildfly.base());
             Response r = hook.postJson("api/flow-actions/sync-person-to-microsoft", Json.createObjectBuilder().add("leadId", personId).build())) {
            String text = r.readEntity(String.class);
            assertEquals(201, r.getStatus(), text);
            JsonObject created = Json.createReader(new StringReader(text)).readObject();
            assertEquals("created", created.getString("outcome"));
            assertEquals("Lovelace", vendors.row("leads", created.getString("dynamicsId")).orElseThrow().getString("lastname"));
        }
    }

    @Test
    void statusSpeaksJsonBWithIsoTimestamps() {
        JsonObject cycle = sync.nextCycle();
        assertEquals("finished", cycle.getString("outcome"), cycle.toString());
        // JSON-B, not Jackson: instants are ISO-8601 strings on every server (docs/api.md, Conventions)
        assertFalse(Instant.parse(cycle.getString("startedAt")).isAfter(Instant.parse(cycle.getString("finishedAt"))));
        JsonObject status = sync.status();
        assertTrue(status.getString("state").matches("idle|running"), status.toString());
        assertEquals("PT1S", status.getString("interval"));
    }

    @Test
    void fieldSetupRefusesABadSetAndKeepsTheSavedOne() {
        int saved = http.getJson("api/field-mappings").getJsonArray("mappings").size();
        assertTrue(http.getJson("api/fields").getJsonArray("marketo").size() > 0);
        String bad = "{\"mappings\":[{\"marketoField\":\"nosuchfield\",\"leadField\":\"companyname\"}]}";
        try (Response r = http.target("api/field-mappings").request(MediaType.APPLICATION_JSON).put(Entity.json(bad))) {
            assertEquals(400, r.getStatus());
            assertEquals("invalid-field-mappings", r.readEntity(JsonObject.class).getString("error"));
        }
        assertEquals(saved, http.getJson("api/field-mappings").getJsonArray("mappings").size(), "nothing was saved");
    }

    @Test
    void openApiShowsTheProductApiOnly() {
        try (Response r = http.target("/openapi").request().get()) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus(), body);
            assertTrue(body.contains("/sync/status"), body);
            assertFalse(body.contains("/sandbox"), body);
        }
    }

    private static String unique(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@wildfly.example.com";
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(wildfly.log());
            return "\n--- server.log (last lines) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "";
        }
    }
}
