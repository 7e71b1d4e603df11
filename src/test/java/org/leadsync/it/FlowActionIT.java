package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R15 over HTTP, as Marketo's "Call Webhook" would call it: every outcome row of docs/api.md's flow-action
 * table, concurrency, and R14's "a person whose record was deleted gets a new lead". Persons and
 * records are made through the sandbox's own vendor APIs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FlowActionIT {

    private static final String PATH = "api/flow-actions/sync-person-to-microsoft";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    URL base;

    @Test
    void createsALeadFromTheMappedFieldsThenAnswersExists() {
        String email = unique("created");
        long personId = createPerson(email, "Ada", "Lovelace", "Analytical Engines");
        try (Http hook = webhook()) {
            JsonObject created = call(hook, body(personId, null, null), 201);
            assertEquals(personId, created.getJsonNumber("leadId").longValue());
            assertEquals("created", created.getString("outcome"));
            assertEquals("lead", created.getString("entity"));
            assertEquals(java.util.Set.of("leadId", "outcome", "entity", "dynamicsId"), created.keySet(), "docs/api.md's shape");
            String leadId = created.getString("dynamicsId");

            JsonObject lead = vendors().row("leads", leadId).orElseThrow();
            assertEquals("Lovelace", lead.getString("lastname"));
            assertEquals("Analytical Engines", lead.getString("companyname"));
            assertEquals(email, lead.getString("emailaddress1"));
            assertEquals("Marketo lead", lead.getString("subject"), "R17: the lead default fills subject");
            JsonObject person = marketoPerson(personId);
            assertEquals(leadId, person.getString("msftId"));
            assertEquals("Lead", person.getString("msftType"));

            JsonObject again = call(hook, body(personId, null, null), 200);
            assertEquals("exists", again.getString("outcome"));
            assertEquals(leadId, again.getString("dynamicsId"));
            assertEquals(1, vendors().rowsByEmail("leads", email).size(), "the second call wrote nothing");
        }
        JsonArray activities = activities(personId);
        assertEquals(2, count(activities, "sync-person-to-microsoft"), "every call is an activity entry: " + activities);
        assertEquals(1, count(activities, "created-in-dynamics"));
    }

    @Test
    void aRecordWithThePersonsEmailIsLinkedNotDuplicated() {
        String email = unique("existing");
        String contactId = vendors().create("contacts", Json.createObjectBuilder()
                .add("lastname", "Hopper").add("emailaddress1", email).build().toString());
        long personId = createPerson(email, "Grace", "Hopper", "Navy");
        try (Http hook = webhook()) {
            JsonObject answer = call(hook, body(personId, null, null), 200);
            assertEquals("exists", answer.getString("outcome"));
            assertEquals("contact", answer.getString("entity"));
            assertEquals(contactId, answer.getString("dynamicsId"));
        }
        assertTrue(vendors().rowsByEmail("leads", email).isEmpty(), "no lead was created");
        assertEquals(contactId, marketoPerson(personId).getString("msftId"), "the person is linked");
    }

    @Test
    void syncAsContactQualifiesTheNewLeadAndAssignToSetsTheOwner() {
        String email = unique("contact");
        long personId = createPerson(email, "Alan", "Turing", "Bletchley");
        String owner = vendors().rows("systemusers").get(0).getString("systemuserid");
        try (Http hook = webhook()) {
            JsonObject answer = call(hook, body(personId, "contact", owner), 201);
            assertEquals("contact", answer.getString("entity"));
            String contactId = answer.getString("dynamicsId");
            JsonObject contact = vendors().row("contacts", contactId).orElseThrow();
            String leadId = contact.getString("_originatingleadid_value");
            JsonObject lead = vendors().row("leads", leadId).orElseThrow();
            assertEquals(1, lead.getInt("statecode"), "the lead was qualified");
            assertEquals(owner, lead.getString("_ownerid_value"), "assignTo became the lead's owner");
            assertEquals("Contact", marketoPerson(personId).getString("msftType"));
        }
    }

    @Test
    void dynamicsValidationFailuresAnswer422WithTheAttributeAndAreLogged() {
        long personId = createPerson(unique("nolastname"), "Linus", null, "Kernel");
        try (Http hook = webhook()) {
            JsonObject failed = call(hook, body(personId, null, null), 422);
            assertEquals("failed", failed.getString("outcome"));
            assertEquals(java.util.Set.of("leadId", "outcome", "errors"), failed.keySet(), "docs/api.md's shape");
            JsonObject error = failed.getJsonArray("errors").getJsonObject(0);
            assertEquals("lastname", error.getString("field"));
            assertEquals("required", error.getString("code"));
            assertTrue(error.getString("message").contains("lastname"), error.toString());
        }
        JsonObject logged = activities(personId).getJsonObject(0);
        assertEquals("sync-person-to-microsoft", logged.getString("type"));
        assertEquals("failed", logged.getString("outcome"));
        assertEquals("required", logged.getString("errorCode"));
    }

    @Test
    void aBusinessRuleRefusalFromDynamicsAnswers422WithItsCode() {
        {
            SandboxVendors vendors = vendors();
            vendors.businessRule("{\"entity\":\"lead\",\"attribute\":\"jobtitle\",\"rule\":\"required\"}");
            long personId = createPerson(unique("rule"), "Barbara", "Liskov", "MIT");
            try (Http hook = webhook()) {
                JsonObject failed = call(hook, body(personId, null, null), 422);
                JsonObject error = failed.getJsonArray("errors").getJsonObject(0);
                assertEquals("0x80040265", error.getString("code"), error.toString());
                assertTrue(error.getString("message").contains("jobtitle"), error.toString());
            } finally {
                vendors.clearBusinessRules();
            }
        }
    }

    @Test
    void anUnknownPersonIs404() {
        try (Http hook = webhook(); Response r = hook.postJson(PATH, body(987_654_321L, null, null))) {
            assertEquals(404, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("person-not-found", error.getString("error"));
            assertEquals(java.util.Set.of("error", "message"), error.keySet(), "details only when there are some");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"leadId\":\"12\"}", "{\"leadId\":-3}", "{\"leadId\":1.5}", "{\"leadId\":null}",
            "{\"leadId\":12,\"syncAs\":\"account\"}", "{\"leadId\":12,\"assignTo\":\"not-a-guid\"}",
            "{\"leadId\":12,\"colour\":\"red\"}", "{\"leadId\":99999999999999999999999}", "[1,2]", "{\"leadId\":12"})
    void badBodiesAre400NamingTheProblem(String body) {
        try (Http hook = webhook();
             Response r = hook.target(PATH).request(MediaType.APPLICATION_JSON).post(Entity.json(body))) {
            assertEquals(400, r.getStatus(), body);
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("bad-request", error.getString("error"), body);
            assertFalse(error.getString("message").isBlank());
        }
    }

    @Test
    void twentyConcurrentCallsForOneNewPersonCreateExactlyOneLead() throws Exception {
        String email = unique("concurrent");
        long personId = createPerson(email, "Ken", "Thompson", "Bell Labs");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (Http hook = webhook()) {
            List<Callable<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> {
                    try (Response r = hook.postJson(PATH, body(personId, null, null))) {
                        assertTrue(r.getStatus() == 201 || r.getStatus() == 200, "status " + r.getStatus());
                        return r.readEntity(JsonObject.class);
                    }
                });
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<JsonObject> answer : pool.invokeAll(calls)) {
                JsonObject json = answer.get();
                ids.add(json.getString("dynamicsId"));
                created += "created".equals(json.getString("outcome")) ? 1 : 0;
            }
            assertEquals(1, created, "one call created");
            assertEquals(1, ids.size(), "all calls name the same lead");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, vendors().rowsByEmail("leads", email).size(), "exactly one lead in Dynamics");
    }

    @Test
    void r14APersonWhoseLeadWasDeletedInDynamicsGetsANewLead() throws InterruptedException {
        String email = unique("deleted");
        long personId = createPerson(email, "Edsger", "Dijkstra", "Eindhoven");
        try (Http hook = webhook()) {
            String first = call(hook, body(personId, null, null), 201).getString("dynamicsId");
            vendors().delete("leads", first);
            awaitActivity(personId, "deleted-in-dynamics");
            assertTrue(marketoPerson(personId).getBoolean("msftIsDeleted"), "R14: the person is flagged, not deleted");
            JsonObject second = call(hook, body(personId, null, null), 201);
            assertNotEquals(first, second.getString("dynamicsId"));
            assertFalse(marketoPerson(personId).getBoolean("msftIsDeleted"));
            assertEquals(second.getString("dynamicsId"), marketoPerson(personId).getString("msftId"));
        }
    }

    @Test
    void dynamicsUnavailableAnswers503WithRetryAfterWithinMarketosWait() {
        long personId = createPerson(unique("down"), "Frances", "Allen", "IBM");
        {
            SandboxVendors vendors = vendors();
            vendors.fault("{\"system\":\"dynamics\",\"status\":503,\"count\":1000}");
            long started = System.nanoTime();
            try (Http hook = webhook(); Response r = hook.postJson(PATH, body(personId, null, null))) {
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                assertEquals(503, r.getStatus());
                assertTrue(r.getHeaderString("Retry-After") != null, "Retry-After is set");
                assertEquals("unavailable", r.readEntity(JsonObject.class).getString("error"));
                assertTrue(seconds < 30, "answered within Marketo's 30 s webhook wait, took " + seconds + " s");
            } finally {
                vendors.clearFaults();
            }
        }
        assertEquals("unavailable", activities(personId).getJsonObject(0).getString("outcome"));
    }

    // --- helpers ---

    private Http webhook() {
        return Http.webhook(base, Http.setting("leadsync.webhook.api-key", null));
    }

    private JsonObject call(Http hook, JsonObject body, int expected) {
        try (Response r = hook.postJson(PATH, body)) {
            String text = r.readEntity(String.class);
            assertEquals(expected, r.getStatus(), text);
            return Json.createReader(new java.io.StringReader(text)).readObject();
        }
    }

    private static JsonObject body(long personId, String syncAs, String assignTo) {
        var body = Json.createObjectBuilder().add("leadId", personId);
        if (syncAs != null) {
            body.add("syncAs", syncAs);
        }
        if (assignTo != null) {
            body.add("assignTo", assignTo);
        }
        return body.build();
    }

    private static String unique(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@flow.example.com";
    }

    private long createPerson(String email, String first, String last, String company) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", email);
        fields.put("firstName", first);
        fields.put("company", company);
        if (last != null) {
            fields.put("lastName", last);
        }
        var person = Json.createObjectBuilder();
        fields.forEach((k, v) -> person.add(k, String.valueOf(v)));
        return vendors().createPerson(person.build().toString());
    }

    private JsonObject marketoPerson(long personId) {
        return vendors().person(personId).orElseThrow(() -> new AssertionError("no person " + personId));
    }

    private SandboxVendors vendors;

    /** One client to the vendors' APIs per test (it keeps its tokens, as an integration would). */
    private SandboxVendors vendors() {
        if (vendors == null) {
            vendors = new SandboxVendors(base);
        }
        return vendors;
    }

    @AfterEach
    void forgetVendors() {
        vendors = null;
    }

    private JsonArray activities(long personId) {
        try (Http http = new Http(base)) {
            return http.getJson("api/persons/" + personId + "/activities").getJsonArray("activities");
        }
    }

    private void awaitActivity(long personId, String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (count(activities(personId), type) == 0) {
            assertTrue(System.currentTimeMillis() < deadline, "no " + type + " activity within 60 s: " + activities(personId));
            Thread.sleep(300);
        }
    }

    private static int count(JsonArray activities, String type) {
        int n = 0;
        for (JsonObject a : activities.getValuesAs(JsonObject.class)) {
            n += type.equals(a.getString("type")) ? 1 : 0;
        }
        return n;
    }
}
