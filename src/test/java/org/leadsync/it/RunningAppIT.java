package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The app as it runs, with its one-second background cycle (failsafe execution sync-rules-h2), over HTTP: one Payara
 * boot for what used to be three classes.
 * <ul>
 * <li>Foundation: the WAR boots, migrates its database and answers status, health and OpenAPI. These tests run
 * first ({@code @Order(1)}): they expect a fresh database, before the other tests make links and failures.</li>
 * <li>Field setup (docs/api.md; rule R2): the catalogue, the saved set, refusals, warnings and the fill. After each
 * test the default set is saved again.</li>
 * <li>The flow action (R15), as Marketo's "Call Webhook" would call it: every outcome row of docs/api.md's
 * flow-action table, concurrency, and R14's "a person whose record was deleted gets a new lead". Persons and
 * records are made through the sandbox's own vendor APIs.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunningAppIT extends DeployedLeadSync {

    private static final String[][] DEFAULTS = {
            {"email", "emailaddress1", "emailaddress1"}, {"firstName", "firstname", "firstname"},
            {"lastName", "lastname", "lastname"}, {"company", "companyname", null},
            {"title", "jobtitle", "jobtitle"}, {"phone", "telephone1", "telephone1"}};

    private static final String PATH = "api/flow-actions/sync-person-to-microsoft";

    // ---- Foundation -----------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void syncStatusAnswersWithTheShapeOfApiMd() {
        JsonObject status = http.getJson("api/sync/status");
        assertTrue(status.getString("state").matches("idle|running"), status.toString());
        // ISO-8601, as leadsync.sync.interval is written (this execution runs a one-second cycle)
        assertFalse(java.time.Duration.parse(status.getString("interval")).isNegative());
        assertFalse(status.getBoolean("paused"));
        JsonObject links = status.getJsonObject("links");
        assertEquals(0, links.getInt("active"));
        assertEquals(0, links.getInt("deletedInDynamics"));
        assertEquals(0, links.getInt("filteredOut"));
        assertTrue(status.getJsonObject("cursors").containsKey("dynamics.contacts"), status.toString());
        assertTrue(status.getJsonObject("apiCalls").getJsonObject("marketo").containsKey("last20s"));
        assertEquals(0, status.getInt("errorsLast24h"));
        assertTrue(status.containsKey("nextCycleAt"), "the timer is scheduled: " + status);
    }

    @Test
    @Order(1)
    void theTimerRunsACycleUnderTheLeaseAndRecordsIt() {
        JsonObject status = sync.awaitStatus("a first cycle after leadsync.sync.first-delay",
                s -> !s.isNull("lastCycle"));
        assertFalse(status.isNull("lastCycle"), "a cycle ran after leadsync.sync.first-delay: " + status);
        JsonObject last = status.getJsonObject("lastCycle");
        assertEquals("finished", last.getString("outcome"), last.toString());
        assertTrue(status.getString("state").matches("idle|running"));
    }

    @Test
    @Order(1)
    void readinessChecksTheMigratedDatabase() {
        try (Response r = http.get("/health/ready")) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus(), body);
            assertTrue(body.contains("\"UP\""), body);
            assertTrue(body.contains("\"database\""), body);
        }
    }

    @Test
    @Order(1)
    void openApiDescribesTheApi() {
        try (Response r = http.target("/openapi").request().get()) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus(), body);
            assertTrue(body.contains("/sync/status"), body);
        }
    }

    @Test
    @Order(1)
    void unknownApiPathsAnswerWithTheErrorBody() {
        try (Response r = http.get("api/no-such-thing")) {
            assertEquals(404, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("not-found", error.getString("error"));
            assertTrue(error.containsKey("message"));
        }
    }

    // ---- Field setup --------------------------------------------------------------------------------------

    @AfterEach
    void restoreDefaults() {
        try (Response r = put(http, set(DEFAULTS))) {
            assertEquals(200, r.getStatus(), r.readEntity(String.class));
        }
    }

    @Test
    void fieldsListsBothCataloguesWithTheirMetadata() {
        JsonObject fields = http.getJson("api/fields");
        JsonObject company = find(fields.getJsonArray("marketo"), "name", "company");
        assertEquals("string", company.getString("dataType"));
        assertEquals(255, company.getInt("length"));
        assertEquals(false, company.getBoolean("readOnly"));
        JsonObject companyname = find(fields.getJsonObject("dynamics").getJsonArray("lead"), "logicalName", "companyname");
        assertEquals("String", companyname.getString("attributeType"));
        assertEquals(100, companyname.getInt("maxLength"));
        assertEquals("None", companyname.getString("requiredLevel"));
        JsonObject lastname = find(fields.getJsonObject("dynamics").getJsonArray("contact"), "logicalName", "lastname");
        assertEquals("ApplicationRequired", lastname.getString("requiredLevel"));
        assertEquals(200, http.get("api/fields?refresh=true").getStatus());
    }

    @Test
    void theDefaultSetIsInPlaceUntilAnAdminSavesAnother() {
        JsonArray mappings = http.getJson("api/field-mappings").getJsonArray("mappings");
        assertEquals(DEFAULTS.length, mappings.size());
        for (int i = 0; i < DEFAULTS.length; i++) {
            JsonObject m = mappings.getJsonObject(i);
            assertEquals(DEFAULTS[i][0], m.getString("marketoField"));
            assertEquals(DEFAULTS[i][1], m.getString("leadField"));
            assertEquals(DEFAULTS[i][2], m.isNull("contactField") ? null : m.getString("contactField"));
        }
    }

    @Test
    void everyProblemIsOneDetailAndNothingIsSaved() {
        JsonObject bad = set(new String[][] {
                {"nosuchfield", "companyname", null},          // the Marketo field does not exist
                {"firstName", "numberofemployees", null},      // string -> Integer: incompatible
                {"lastName", "createdon", null},               // a read-only target
                {"title", "jobtitle", "jobtitle"},
                {"phone", "jobtitle", null},                   // jobtitle used twice for leads
        });                                                    // and no email mapping
        try (Response r = put(http, bad)) {
            assertEquals(400, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("invalid-field-mappings", error.getString("error"));
            JsonArray details = error.getJsonArray("details");
            assertEquals(6, details.size(), details.toString());
            assertEquals("mappings[0].marketoField", details.getJsonObject(0).getString("field"));
            assertTrue(details.toString().contains("mappings[1].leadField"), details.toString());
            assertTrue(details.toString().contains("read-only"), details.toString());
            assertTrue(details.toString().contains("already used"), details.toString());
            assertEquals("mappings", details.getJsonObject(details.size() - 1).getString("field"));
            assertEquals(DEFAULTS.length, http.getJson("api/field-mappings").getJsonArray("mappings").size(),
                    "nothing was saved");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"mappings\":null}", "{\"mappings\":[null]}",
            "{\"mappings\":[{\"leadField\":\"companyname\"}]}", "{\"mappings\":\"email\"}",
            "{\"mappings\":[{\"marketoField\":\"email\",\"colour\":\"red\"}]}", "[]", "{\"mappings\":["})
    void malformedBodiesAre400AndChangeNothing(String body) {
        try (Response r = http.target("api/field-mappings").request(MediaType.APPLICATION_JSON).put(Entity.json(body))) {
            assertEquals(400, r.getStatus(), body);
            JsonObject error = r.readEntity(JsonObject.class);
            assertTrue(error.getString("message").length() > 0, error.toString());
            assertEquals(DEFAULTS.length, http.getJson("api/field-mappings").getJsonArray("mappings").size());
        }
    }

    @Test
    void aSavedSetIsReturnedWithLengthWarningsAndViewersCannotSave() {
        JsonObject withCity = set(new String[][] {
                {"email", "emailaddress1", "emailaddress1"}, {"lastName", "lastname", "lastname"},
                {"city", "address1_city", "address1_city"}});
        try (Http viewer = Http.viewer(base); Response r = put(viewer, withCity)) {
            assertEquals(403, r.getStatus());
        }
        try (Response r = put(http, withCity)) {
            assertEquals(200, r.getStatus());
            JsonObject saved = r.readEntity(JsonObject.class);
            assertEquals(3, saved.getJsonArray("mappings").size());
            JsonArray warnings = saved.getJsonArray("warnings");
            assertTrue(warnings.toString().contains("mappings[2].leadField"), warnings.toString());
            assertTrue(warnings.toString().contains("80"), warnings.toString());
            assertEquals("city", http.getJson("api/field-mappings").getJsonArray("mappings").getJsonObject(2)
                    .getString("marketoField"));
        }
    }

    @Test
    void aNewlyMappedFieldIsFilledFromDynamicsForLinkedPairs() {
        String email = "fill-" + UUID.randomUUID().toString().substring(0, 8) + "@fields.example.com";
        vendors.create("leads", Json.createObjectBuilder().add("lastname", "Curie").add("subject", "Radium")
                .add("emailaddress1", email).add("address1_city", "Paris").build().toString());
        long personId = awaitPerson(vendors, email);
        vendors.updatePerson(personId, "{\"city\":\"London\"}"); // not mapped yet: nothing moves
        try (Response r = put(http, set(new String[][] {
                {"email", "emailaddress1", "emailaddress1"}, {"lastName", "lastname", "lastname"},
                {"city", "address1_city", "address1_city"}}))) {
            assertEquals(200, r.getStatus());
        }
        String city = SyncWatch.awaitValue("the person's city to be filled from Dynamics", () -> city(vendors, personId),
                "Paris"::equals);
        assertEquals("Paris", city, "Dynamics wins the first fill");
    }

    @Test
    void theWebhookTemplateFollowsTheFieldMappingsAndPeopleReadItWithBasic() {
        JsonObject lead = template(http, null);
        assertEquals("JSON", lead.getString("requestTokenEncoding"));
        assertEquals("/api/flow-actions/sync-person-to-microsoft", lead.getString("path"));
        String body = lead.getString("template");
        assertTrue(body.startsWith("{\"leadId\": {{lead.Id}}, \"syncAs\": \"lead\", \"person\": {"), body);
        assertTrue(body.contains("\"email\": {{lead.Email Address}}"), "string tokens stand bare: Marketo quotes them: " + body);
        assertFalse(body.contains("{{lead.City}}"), body);
        assertTrue(template(http, "contact").getString("template").contains("\"syncAs\": \"contact\""));
        try (Response r = put(http, set(new String[][] {
                {"email", "emailaddress1", "emailaddress1"}, {"lastName", "lastname", "lastname"},
                {"city", "address1_city", "address1_city"}}))) {
            assertEquals(200, r.getStatus());
        }
        try (Http viewer = Http.viewer(base)) {
            JsonObject changed = template(viewer, null);
            assertTrue(changed.getString("template").contains("\"city\": {{lead.City}}"), changed.toString());
            assertEquals(List.of("email", "lastName", "city"), changed.getJsonArray("personFields").getValuesAs(JsonString.class)
                    .stream().map(JsonString::getString).toList());
        }
        try (Http hook = Http.webhook(base); Response r = hook.get("api/flow-actions/sync-person-to-microsoft/template")) {
            assertEquals(401, r.getStatus(), "the webhook key is not a login");
        }
        try (Response r = http.get("api/flow-actions/sync-person-to-microsoft/template?syncAs=account")) {
            assertEquals(400, r.getStatus());
        }
    }

    private static JsonObject template(Http client, String syncAs) {
        return client.getJson("api/flow-actions/sync-person-to-microsoft/template" + (syncAs == null ? "" : "?syncAs=" + syncAs));
    }

    private static long awaitPerson(SandboxVendors vendors, String email) {
        List<JsonObject> found = SyncWatch.awaitValue("a person created for " + email, () -> vendors.personsBy("email", email),
                persons -> !persons.isEmpty());
        return found.get(0).getJsonNumber("id").longValue();
    }

    private static String city(SandboxVendors vendors, long personId) {
        return vendors.person(personId).orElseThrow().getString("city", null);
    }

    private static Response put(Http http, JsonObject body) {
        return http.target("api/field-mappings").request(MediaType.APPLICATION_JSON).put(Entity.json(body));
    }

    private static JsonObject set(String[][] rows) {
        JsonArrayBuilder mappings = Json.createArrayBuilder();
        for (String[] row : rows) {
            var m = Json.createObjectBuilder().add("marketoField", row[0]);
            if (row[1] == null) {
                m.addNull("leadField");
            } else {
                m.add("leadField", row[1]);
            }
            if (row[2] == null) {
                m.addNull("contactField");
            } else {
                m.add("contactField", row[2]);
            }
            mappings.add(m);
        }
        return Json.createObjectBuilder().add("mappings", mappings).build();
    }

    private static JsonObject find(JsonArray rows, String key, String value) {
        return rows.getValuesAs(JsonObject.class).stream().filter(o -> value.equals(o.getString(key))).findFirst()
                .orElseThrow(() -> new AssertionError(value + " not in " + rows));
    }

    // ---- Flow action ----------------------------------------------------------------------------------------

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

            JsonObject lead = vendors.row("leads", leadId).orElseThrow();
            assertEquals("Lovelace", lead.getString("lastname"));
            assertEquals("Analytical Engines", lead.getString("companyname"));
            assertEquals(email, lead.getString("emailaddress1"));
            assertEquals("Marketo lead", lead.getString("subject"), "R17: the lead default fills subject");
            // R1: the CRM fields follow with the retrier's next batch write (docs/api.md, Flow action)
            JsonObject person = awaitCrmFields(personId, leadId);
            assertEquals("Lead", person.getString("msftType"));

            JsonObject again = call(hook, body(personId, null, null), 200);
            assertEquals("exists", again.getString("outcome"));
            assertEquals(leadId, again.getString("dynamicsId"));
            assertEquals(1, vendors.rowsByEmail("leads", email).size(), "the second call wrote nothing");
        }
        JsonArray activities = activities(personId);
        assertEquals(2, count(activities, "sync-person-to-microsoft"), "every call is an activity entry: " + activities);
        assertEquals(1, count(activities, "created-in-dynamics"));
    }

    @Test
    void aRecordWithThePersonsEmailIsLinkedNotDuplicated() {
        String email = unique("existing");
        String contactId = vendors.create("contacts", Json.createObjectBuilder()
                .add("lastname", "Hopper").add("emailaddress1", email).build().toString());
        long personId = createPerson(email, "Grace", "Hopper", "Navy");
        try (Http hook = webhook()) {
            JsonObject answer = call(hook, body(personId, null, null), 200);
            assertEquals("exists", answer.getString("outcome"));
            assertEquals("contact", answer.getString("entity"));
            assertEquals(contactId, answer.getString("dynamicsId"));
        }
        assertTrue(vendors.rowsByEmail("leads", email).isEmpty(), "no lead was created");
        awaitCrmFields(personId, contactId);
    }

    @Test
    void syncAsContactQualifiesTheNewLeadAndAssignToSetsTheOwner() {
        String email = unique("contact");
        long personId = createPerson(email, "Alan", "Turing", "Bletchley");
        String owner = vendors.rows("systemusers").get(0).getString("systemuserid");
        try (Http hook = webhook()) {
            JsonObject answer = call(hook, body(personId, "contact", owner), 201);
            assertEquals("contact", answer.getString("entity"));
            String contactId = answer.getString("dynamicsId");
            JsonObject contact = vendors.row("contacts", contactId).orElseThrow();
            String leadId = contact.getString("_originatingleadid_value");
            JsonObject lead = vendors.row("leads", leadId).orElseThrow();
            assertEquals(1, lead.getInt("statecode"), "the lead was qualified");
            assertEquals(owner, lead.getString("_ownerid_value"), "assignTo became the lead's owner");
            assertEquals("Contact", awaitCrmFields(personId, contactId).getString("msftType"));
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
        assertEquals(1, vendors.rowsByEmail("leads", email).size(), "exactly one lead in Dynamics");
    }

    @Test
    void r14APersonWhoseLeadWasDeletedInDynamicsGetsANewLead() {
        String email = unique("deleted");
        long personId = createPerson(email, "Edsger", "Dijkstra", "Eindhoven");
        try (Http hook = webhook()) {
            String first = call(hook, body(personId, null, null), 201).getString("dynamicsId");
            awaitCrmFields(personId, first);
            vendors.delete("leads", first);
            awaitActivity(personId, "deleted-in-dynamics");
            assertTrue(marketoPerson(personId).getBoolean("msftIsDeleted"), "R14: the person is flagged, not deleted");
            JsonObject second = call(hook, body(personId, null, null), 201);
            assertNotEquals(first, second.getString("dynamicsId"));
            assertFalse(awaitCrmFields(personId, second.getString("dynamicsId")).getBoolean("msftIsDeleted"));
        }
    }

    @Test
    void aPayloadCarryingThePersonsFieldsIsUsedAsMarketoFilledItIn() {
        String email = unique("payload");
        long personId = createPerson(email, "Grace", "Hopper", "Navy");
        JsonObject person = Json.createObjectBuilder().add("email", email).add("firstName", "Grace")
                .add("lastName", "Hopper (from the payload)").add("company", "Navy").add("title", "").addNull("phone").build();
        try (Http hook = webhook()) {
            JsonObject created = call(hook, Json.createObjectBuilder().add("leadId", personId).add("syncAs", "lead")
                    .add("person", person).build(), 201);
            JsonObject lead = vendors.row("leads", created.getString("dynamicsId")).orElseThrow();
            assertEquals("Hopper (from the payload)", lead.getString("lastname"),
                    "the payload's values, not a read of the person (Marketo still says Hopper)");
            assertEquals(email, lead.getString("emailaddress1"));
            awaitCrmFields(personId, created.getString("dynamicsId"));
        }
    }

    @Test
    void dynamicsUnavailableAnswers202QueuedAndTheCallIsFinishedInTheBackground() {
        long personId = createPerson(unique("down"), "Frances", "Allen", "IBM");
        vendors.fault("{\"system\":\"dynamics\",\"status\":503,\"count\":1000000}");
        long started = System.nanoTime();
        try (Http hook = webhook(); Response r = hook.postJson(PATH, body(personId, null, null))) {
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            String text = r.readEntity(String.class);
            assertEquals(202, r.getStatus(), text);
            assertEquals(Json.createObjectBuilder().add("leadId", personId).add("outcome", "queued").build(),
                    Json.createReader(new java.io.StringReader(text)).readObject());
            assertTrue(seconds < 30, "answered within Marketo's 30 s webhook wait, took " + seconds + " s");
        } catch (RuntimeException e) {
            vendors.clearFaults();
            throw e;
        }
        assertEquals("queued", activities(personId).getJsonObject(0).getString("outcome"));
        JsonObject backlog = SyncWatch.awaitValue("the call pending in the status", () -> sync.status().getJsonObject("flowActions"),
                f -> f.getInt("pending") >= 1);
        assertTrue(backlog.containsKey("oldestAcceptedAt"), backlog.toString());
        // the outage ends: Marketo never calls again, so the background retrier must finish the call
        vendors.clearFaults();
        JsonObject person = SyncWatch.awaitValue("the person's msftId", () -> marketoPerson(personId),
                p -> p.containsKey("msftId") && !p.isNull("msftId") && !p.getString("msftId").isEmpty());
        String leadId = person.getString("msftId");
        assertEquals("Allen", vendors.row("leads", leadId).orElseThrow().getString("lastname"));
        awaitActivity(personId, "created-in-dynamics");
        JsonObject finished = activities(personId).getValuesAs(JsonObject.class).stream()
                .filter(a -> "sync-person-to-microsoft".equals(a.getString("type")) && "created".equals(a.getString("outcome")))
                .findFirst().orElseThrow(() -> new AssertionError("no created entry: " + activities(personId)));
        assertEquals(leadId, finished.getString("dynamicsId"), finished.toString());
        try (Http hook = webhook()) {
            assertEquals(leadId, call(hook, body(personId, null, null), 200).getString("dynamicsId"), "done once, not twice");
        }
        assertEquals(1, vendors.rowsByEmail("leads", person.getString("email")).size());
    }

    // ---- The other flow actions (docs/api.md, Other flow actions) -------------------------------------------

    /** A person with a Dynamics lead, made by Sync Person to Microsoft; answers the lead's id. */
    private String syncedLead(long personId) {
        try (Http hook = webhook()) {
            return call(hook, body(personId, null, null), 201).getString("dynamicsId");
        }
    }

    private JsonObject action(String action, JsonObject body, int expected) {
        try (Http hook = webhook(); Response r = hook.postJson("api/flow-actions/" + action, body)) {
            String text = r.readEntity(String.class);
            assertEquals(expected, r.getStatus(), text);
            return Json.createReader(new java.io.StringReader(text)).readObject();
        }
    }

    @Test
    void changeOwnerAssignsTheLeadToATeamByEmailThenToAUserById() {
        long personId = createPerson(unique("owner"), "Ken", "Thompson", "Bell Labs");
        String leadId = syncedLead(personId);
        String teamEmail = unique("team");
        String team = vendors.create("teams", Json.createObjectBuilder().add("name", "Inside sales").add("emailaddress", teamEmail).build().toString());
        JsonObject assigned = action("change-owner-in-microsoft", Json.createObjectBuilder().add("leadId", personId)
                .add("owner", teamEmail.toUpperCase()).build(), 200);
        assertEquals("assigned", assigned.getString("outcome"));
        assertEquals("team", assigned.getString("ownerType"));
        assertEquals(team, assigned.getString("ownerId"));
        assertEquals(leadId, assigned.getString("dynamicsId"));
        assertEquals(team, vendors.row("leads", leadId).orElseThrow().getString("_ownerid_value"));

        String user = vendors.rows("systemusers").get(0).getString("systemuserid");
        action("change-owner-in-microsoft", Json.createObjectBuilder().add("leadId", personId).add("owner", user).build(), 200);
        assertEquals(user, vendors.row("leads", leadId).orElseThrow().getString("_ownerid_value"));

        JsonObject unknown = action("change-owner-in-microsoft", Json.createObjectBuilder().add("leadId", personId)
                .add("owner", "nobody@nowhere.example").build(), 422);
        assertEquals("owner", unknown.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(user, vendors.row("leads", leadId).orElseThrow().getString("_ownerid_value"), "nothing changed");
        JsonArray log = activities(personId);
        assertEquals(3, count(log, "change-owner-in-microsoft"), log.toString());
    }

    @Test
    void aPersonWithoutADynamicsRecordIs404NotSynced() {
        long personId = createPerson(unique("unsynced"), "Dennis", "Ritchie", "Bell Labs");
        try (Http hook = webhook(); Response r = hook.postJson("api/flow-actions/add-to-microsoft-campaign",
                Json.createObjectBuilder().add("leadId", personId).add("campaign", "Webinar").build())) {
            assertEquals(404, r.getStatus());
            assertEquals("person-not-synced", r.readEntity(JsonObject.class).getString("error"));
        }
        assertEquals("not-synced", activities(personId).getJsonObject(0).getString("outcome"));
    }

    @Test
    void createTaskMakesATaskRegardingTheContactDueInFiveDays() {
        long personId = createPerson(unique("task"), "Barbara", "Liskov", "MIT");
        String contactId;
        try (Http hook = webhook()) {
            contactId = call(hook, body(personId, "contact", null), 201).getString("dynamicsId");
        }
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonObject created = action("create-task-in-microsoft", Json.createObjectBuilder().add("leadId", personId)
                .add("subject", "Call back").add("priority", "high").add("comments", "Asked for a demo").add("owner", "").build(), 201);
        assertEquals("created", created.getString("outcome"));
        assertEquals("task", created.getString("entity"));
        assertEquals(contactId, created.getJsonObject("regarding").getString("dynamicsId"));
        JsonObject task = vendors.row("tasks", created.getString("dynamicsId")).orElseThrow();
        assertEquals("Call back", task.getString("subject"));
        assertEquals("Asked for a demo", task.getString("description"));
        assertEquals(2, task.getInt("prioritycode"));
        assertEquals(contactId, task.getString("_regardingobjectid_value"));
        java.time.Instant due = java.time.Instant.parse(task.getString("scheduledend"));
        assertTrue(!due.isBefore(before.plus(java.time.Duration.ofDays(5))) && due.isBefore(java.time.Instant.now().plus(java.time.Duration.ofDays(5))),
                "due five days after the call: " + due);
        JsonObject logged = activities(personId).getJsonObject(0);
        assertEquals("create-task-in-microsoft", logged.getString("type"));
        assertEquals("created", logged.getString("outcome"));
        action("create-task-in-microsoft", Json.createObjectBuilder().add("leadId", personId).add("subject", "").build(), 400);
    }

    @Test
    void concurrentTwinsOfACreateTaskCallJoinOneCallThatMakesOneTask() throws Exception {
        long personId = createPerson(unique("twins"), "Grace", "Hopper", "Navy");
        String leadId = syncedLead(personId);
        String subject = "Twin " + UUID.randomUUID();
        JsonObject body = Json.createObjectBuilder().add("leadId", personId).add("subject", subject).build();
        // Dynamics down: the twins all arrive while their call is pending, so each one joins it (docs/api.md)
        vendors.fault("{\"system\":\"dynamics\",\"status\":503,\"count\":1000000}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> action("create-task-in-microsoft", body, 202));
            }
            for (Future<JsonObject> answer : pool.invokeAll(calls)) {
                assertEquals("queued", answer.get().getString("outcome"));
            }
        } finally {
            pool.shutdownNow();
            vendors.clearFaults();
        }
        SyncWatch.awaitValue("the task created in the background", () -> activities(personId),
                entries -> entries.getValuesAs(JsonObject.class).stream().anyMatch(e -> "create-task-in-microsoft".equals(e.getString("type"))
                        && "created".equals(e.getString("outcome"))));
        List<JsonObject> tasks = vendors.rows("tasks").stream().filter(t -> subject.equals(t.getString("subject"))).toList();
        assertEquals(1, tasks.size(), "one task in Dynamics for eight twins: " + tasks);
        assertEquals(leadId, tasks.get(0).getString("_regardingobjectid_value"));
    }

    @Test
    void addToAndRemoveFromMicrosoftCampaign() {
        long personId = createPerson(unique("campaign"), "Alan", "Kay", "PARC");
        String leadId = syncedLead(personId);
        String name = "Webinar " + UUID.randomUUID();
        String list = vendors.create("lists", Json.createObjectBuilder().add("listname", name).add("createdfromcode", 4).build().toString());
        String contacts = vendors.create("lists", Json.createObjectBuilder().add("listname", name + " (contacts)").add("createdfromcode", 2)
                .build().toString());
        JsonObject added = action("add-to-microsoft-campaign", Json.createObjectBuilder().add("leadId", personId).add("campaign", name).build(), 200);
        assertEquals("added", added.getString("outcome"));
        assertEquals(list, added.getString("listId"));
        assertEquals(List.of(leadId), members(list));

        JsonObject wrongType = action("add-to-microsoft-campaign", Json.createObjectBuilder().add("leadId", personId).add("campaign", contacts)
                .build(), 422);
        assertEquals("member-type", wrongType.getJsonArray("errors").getJsonObject(0).getString("code"));

        assertEquals("removed", action("remove-from-microsoft-campaign", Json.createObjectBuilder().add("leadId", personId)
                .add("campaign", list).build(), 200).getString("outcome"));
        assertEquals(List.of(), members(list));
    }

    private List<String> members(String listId) {
        return vendors.rows("listmembers").stream().filter(m -> listId.equals(m.getString("_listid_value")))
                .map(m -> m.getString("_entityid_value")).toList();
    }

    @Test
    void anOutageIsAnswered202AndTheCampaignMembershipIsMadeInTheBackground() {
        long personId = createPerson(unique("down-campaign"), "Ivan", "Sutherland", "MIT");
        String leadId = syncedLead(personId);
        String name = "Outage " + UUID.randomUUID();
        String list = vendors.create("lists", Json.createObjectBuilder().add("listname", name).add("createdfromcode", 4).build().toString());
        vendors.fault("{\"system\":\"dynamics\",\"status\":503,\"count\":1000000}");
        try {
            JsonObject queued = action("add-to-microsoft-campaign", Json.createObjectBuilder().add("leadId", personId).add("campaign", name).build(), 202);
            assertEquals(Json.createObjectBuilder().add("leadId", personId).add("outcome", "queued").build(), queued);
        } finally {
            vendors.clearFaults();
        }
        SyncWatch.awaitValue("the lead in list " + name, () -> members(list), m -> m.contains(leadId));
        JsonArray log = SyncWatch.awaitValue("the background entry", () -> activities(personId),
                entries -> entries.getValuesAs(JsonObject.class).stream().anyMatch(e -> "added".equals(e.getString("outcome"))));
        assertEquals(2, count(log, "add-to-microsoft-campaign"), "queued, then added: " + log);
    }

    @Test
    void everyActionHasItsTemplate() {
        JsonObject task = http.getJson("api/flow-actions/create-task-in-microsoft/template");
        assertEquals("/api/flow-actions/create-task-in-microsoft", task.getString("path"));
        assertTrue(task.getString("template").startsWith("{\"leadId\": {{lead.Id}}, \"subject\": "), task.toString());
        Json.createReader(new java.io.StringReader(task.getString("template").replace("{{lead.Id}}", "1"))).readObject();
        for (String action : List.of("change-owner-in-microsoft", "add-to-microsoft-campaign", "remove-from-microsoft-campaign")) {
            assertEquals(action, http.getJson("api/flow-actions/" + action + "/template").getString("action"));
        }
        try (Response r = http.get("api/flow-actions/no-such-action/template")) {
            assertEquals(404, r.getStatus());
        }
    }

    // --- helpers ---

    private Http webhook() {
        return Http.webhook(base);
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
        return vendors.createPerson(person.build().toString());
    }

    /** The person once its CRM fields name `dynamicsId` (written in batches after the answer, R1). */
    private JsonObject awaitCrmFields(long personId, String dynamicsId) {
        return SyncWatch.awaitValue("person " + personId + "'s msftId " + dynamicsId, () -> marketoPerson(personId),
                p -> p.containsKey("msftId") && !p.isNull("msftId") && dynamicsId.equals(p.getString("msftId")));
    }

    private JsonObject marketoPerson(long personId) {
        return vendors.person(personId).orElseThrow(() -> new AssertionError("no person " + personId));
    }

    private JsonArray activities(long personId) {
        return http.getJson("api/persons/" + personId + "/activities").getJsonArray("activities");
    }

    private void awaitActivity(long personId, String type) {
        SyncWatch.awaitValue("a " + type + " activity for person " + personId, () -> activities(personId),
                entries -> count(entries, type) > 0);
    }

    private static int count(JsonArray activities, String type) {
        int n = 0;
        for (JsonObject a : activities.getValuesAs(JsonObject.class)) {
            n += type.equals(a.getString("type")) ? 1 : 0;
        }
        return n;
    }
}
