package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.dynamics.DynamicsConnector;
import org.leadsync.marketo.MarketoBulkConnector;
import org.leadsync.marketo.MarketoConnector;
import org.leadsync.marketo.SyncAction;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CustomActivity;
import org.leadsync.port.DynamicsConflict;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.MarketoBulkPersons;
import org.leadsync.port.MarketoFieldInfo;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoQuotaExceeded;
import org.leadsync.port.PersonChange;
import org.leadsync.port.PersonChanges;
import org.leadsync.port.RecordChanges;
import org.leadsync.port.RecordOutcome;
import org.leadsync.port.WriteOutcome;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.SeedRequest;
import org.leadsync.sandbox.dynamics.BusinessRule;
import org.leadsync.sandbox.dynamics.DynamicsStore;
import org.leadsync.sandbox.dynamics.SandboxTokens;
import org.leadsync.sandbox.marketo.MarketoSandbox;

/**
 * The tests that run inside Payara (no background cycle: the default failsafe execution), with beans injected, one
 * Payara boot for what used to be three classes:
 * <ul>
 * <li>The activity log and the sync-errors view over HTTP: entries are recorded through ActivityLog itself, then
 * read back through the API like any client.</li>
 * <li>The Marketo connector against the app's own Marketo sandbox over real loopback HTTP: batching, the change
 * feed, token expiry, retries, the quota stop and per-record skips.</li>
 * <li>The Dynamics connector against the sandbox over real loopback HTTP (issue 4, connector tests).</li>
 * </ul>
 * Before each test both sandboxes are emptied and armed faults cleared; the Marketo connector then holds a cached
 * token, so faults a test arms hit the call under test.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerIT {

    private static final AtomicLong PERSONS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
    private static final Logger LOG = Logger.getLogger(InContainerIT.class.getName());

    @Deployment
    static WebArchive deployment() {
        return LeadSyncWar.inContainer(InContainerIT.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    ActivityLog log;

    @Inject
    MarketoConnector connector;

    @Inject
    MarketoSandbox marketoSandbox;

    @Inject
    MarketoBulkConnector bulk;

    @Inject
    DynamicsConnector dynamics;

    @Inject
    DynamicsStore dynamicsSandbox;

    @Inject
    SandboxTokens tokens;

    @Inject
    FaultPlan faults;

    @BeforeEach
    void emptySandboxes() {
        faults.clear();
        dynamicsSandbox.reset();
        marketoSandbox.reset();
        connector.describe(); // a cached token, so faults armed by a test hit the call under test
        marketoSandbox.reset();
    }

    // ---- Marketo Bulk API (docs/sync-rules.md R10, Bulk creation; docs/sandbox.md, Bulk) ---------------------

    @Test
    void bulkImportOverHttp_failuresFileByMsftId_thenOneExtractFindsThePersonsItMade() {
        long before = callsTo("POST bulk leads.json");
        Instant started = Instant.now();
        List<Map<String, Object>> persons = new ArrayList<>();
        for (String[] p : List.of(new String[]{"bulk-a@example.com", "Alpha, \"A\"", "lead-a"},
                new String[]{"not-an-email", "Bad", "lead-bad"}, new String[]{"bulk-c@example.com", "Gamma", "lead-c"})) {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("email", p[0]);
            person.put("lastName", p[1]);
            person.put("msftId", p[2]);
            person.put("msftIsDeleted", false);
            persons.add(person);
        }

        MarketoBulkPersons.ImportOutcome outcome = bulk.importPersons(persons);

        assertEquals(1, outcome.jobs());
        assertEquals(2, outcome.processed());
        assertEquals(Set.of("lead-bad"), outcome.failedByDynamicsId().keySet());
        assertTrue(outcome.failedByDynamicsId().get("lead-bad").contains("Invalid email"), outcome.toString());
        assertEquals(before + 1, callsTo("POST bulk leads.json"), "one import job for the three rows");
        Map<String, Long> found = new HashMap<>();
        bulk.readPersons(MarketoBulkPersons.Since.CHANGED, started.minusSeconds(1), Instant.now(), List.of("msftId", "lastName"),
                p -> found.put(String.valueOf(p.fields().get("msftId")), p.id()));
        assertEquals(Set.of("lead-a", "lead-c"), found.keySet());
        List<MarketoPerson> alpha = connector.findByIds(List.of(found.get("lead-a")), List.of("lastName", "email"));
        assertEquals("Alpha, \"A\"", alpha.get(0).fields().get("lastName"), "quoting survives the file both ways");
        assertEquals(1, callsTo("GET bulk leads/export/file.json"));
    }

    private long callsTo(String endpoint) {
        Object calls = ((Map<?, ?>) marketoSandbox.stats().get("callsByEndpoint")).get(endpoint);
        return calls == null ? 0 : ((Number) calls).longValue();
    }

    // ---- Activity log and sync errors -----------------------------------------------------------------------

    @Test
    void activitiesComeNewestFirstInPagesCutByBefore() {
        long person = PERSONS.incrementAndGet();
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(log.record(new ActivityEntry(person, t.plusSeconds(i), ActivityType.UPDATED_IN_DYNAMICS, ActivityOutcome.SUCCESS)
                    .direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.UPDATE).record("lead", "9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab")
                    .fields(List.of("lastname", "companyname"))).id());
        }
        log.record(new ActivityEntry(person + 1, t.plusSeconds(9), ActivityType.COLLISION, ActivityOutcome.SUCCESS));

        try (Http http = new Http(base)) {
            JsonObject first = http.getJson("api/persons/" + person + "/activities?limit=2");
            assertEquals(person, first.getJsonNumber("leadId").longValue());
            assertEquals(List.of(ids.get(4), ids.get(3)), idsOf(first));
            JsonObject newest = first.getJsonArray("activities").getJsonObject(0);
            assertEquals("2026-11-25T10:00:04Z", newest.getString("at"));
            assertEquals("updated-in-dynamics", newest.getString("type"));
            assertEquals("to-dynamics", newest.getString("direction"));
            assertEquals("update", newest.getString("operation"));
            assertEquals("lead", newest.getString("entity"));
            assertEquals("success", newest.getString("outcome"));
            assertEquals("9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab", newest.getString("dynamicsId"));
            assertEquals(List.of("lastname", "companyname"), newest.getJsonArray("fields").getValuesAs(
                    jakarta.json.JsonString::getString));

            JsonObject second = http.getJson("api/persons/" + person + "/activities?limit=2&before=" + ids.get(3));
            assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(second));
            JsonObject third = http.getJson("api/persons/" + person + "/activities?limit=2&before=" + ids.get(1));
            assertEquals(List.of(ids.get(0)), idsOf(third));
            JsonObject past = http.getJson("api/persons/" + person + "/activities?before=" + ids.get(0));
            assertEquals(List.of(), idsOf(past));
            assertEquals(5, idsOf(http.getJson("api/persons/" + person + "/activities")).size());
        }
    }

    @Test
    void unknownPersonHasAnEmptyLogAndOtherPeoplesCursorsAreRefused() {
        long person = PERSONS.incrementAndGet();
        long other = log.record(new ActivityEntry(person + 1, Instant.now(), ActivityType.COLLISION, ActivityOutcome.SUCCESS)).id();
        try (Http http = new Http(base)) {
            JsonObject page = http.getJson("api/persons/" + person + "/activities");
            assertEquals(0, page.getJsonArray("activities").size());
            try (Response r = http.get("api/persons/" + person + "/activities?before=" + other)) {
                assertBadRequestNaming("before", r);
            }
        }
    }

    @Test
    void viewerReadsActivitiesAndErrors() {
        try (Http viewer = Http.viewer(base)) {
            viewer.getJson("api/persons/1/activities");
            assertTrue(viewer.getJson("api/sync/errors").containsKey("errors"));
        }
    }

    @Test
    void syncErrorsAreFailuresAcrossPersonsNewestFirstAndFilter() {
        String code = "it-code-" + PERSONS.incrementAndGet();
        long anna = PERSONS.incrementAndGet();
        long ben = PERSONS.incrementAndGet();
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        long old = log.record(failure(anna, t, ActivityDirection.TO_DYNAMICS, code)).id();
        long toMarketo = log.record(failure(ben, t.plusSeconds(60), ActivityDirection.TO_MARKETO, code)).id();
        long newest = log.record(failure(anna, t.plusSeconds(120), ActivityDirection.TO_DYNAMICS, code)).id();
        log.record(new ActivityEntry(anna, t.plusSeconds(180), ActivityType.UPDATED_IN_DYNAMICS, ActivityOutcome.SUCCESS)
                .direction(ActivityDirection.TO_DYNAMICS).error(code, "not a failure"));
        log.record(failure(ben, t.plusSeconds(240), ActivityDirection.TO_DYNAMICS, code + "-other"));

        try (Http http = new Http(base)) {
            JsonArray all = http.getJson("api/sync/errors?errorCode=" + code).getJsonArray("errors");
            assertEquals(List.of(newest, toMarketo, old), idsOf(all));
            JsonObject first = all.getJsonObject(0);
            assertEquals(anna, first.getJsonNumber("leadId").longValue());
            assertEquals("b2c3d4e5-0000-4000-8000-00000000000" + (anna % 10), first.getString("dynamicsId"));
            assertEquals("lead", first.getString("entity"));
            assertEquals("update", first.getString("operation"));
            assertEquals("to-dynamics", first.getString("direction"));
            assertEquals(code, first.getString("errorCode"));
            assertEquals("2026-11-20T08:02:00Z", first.getString("at"));
            assertTrue(first.getString("message").contains("lastname"), first.toString());

            assertEquals(List.of(toMarketo), idsOf(http.getJson("api/sync/errors?direction=to-marketo&errorCode=" + code)
                    .getJsonArray("errors")));
            assertEquals(List.of(newest, toMarketo), idsOf(http.getJson(
                    "api/sync/errors?since=2026-11-20T08:01:00Z&errorCode=" + code).getJsonArray("errors")));
            assertEquals(List.of(newest), idsOf(http.getJson("api/sync/errors?limit=1&errorCode=" + code)
                    .getJsonArray("errors")));
        }
    }

    @Test
    void syncErrorsExportAsCsvWithTheSameRows() throws IOException {
        String code = "it-csv-" + PERSONS.incrementAndGet();
        long person = PERSONS.incrementAndGet();
        Instant t = Instant.parse("2026-11-21T08:00:00Z");
        log.record(failure(person, t, ActivityDirection.TO_DYNAMICS, code)
                .message("lastname is required, said \"Dynamics\"\nsecond line"));
        log.record(new ActivityEntry(null, t.plusSeconds(1), ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE).record("contact", "c0ffee00-0000-4000-8000-000000000001")
                .error(code, "=1+1 looks like a formula"));

        try (Http http = new Http(base);
             Response r = http.target("api/sync/errors").queryParam("errorCode", code).request("text/csv").get()) {
            assertEquals(200, r.getStatus());
            assertTrue(r.getMediaType().toString().startsWith("text/csv"), r.getMediaType().toString());
            List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(r.readEntity(String.class))).getRecords();
            assertEquals(List.of("id", "at", "leadId", "dynamicsId", "entity", "operation", "direction", "errorCode",
                    "message"), rows.get(0).toList());
            JsonArray json = http.getJson("api/sync/errors?errorCode=" + code).getJsonArray("errors");
            assertEquals(json.size() + 1, rows.size());
            assertEquals(2, json.size());
            for (int i = 0; i < json.size(); i++) {
                JsonObject expected = json.getJsonObject(i);
                CSVRecord row = rows.get(i + 1);
                assertEquals(String.valueOf(expected.getJsonNumber("id").longValue()), row.get(0));
                assertEquals(expected.getString("at"), row.get(1));
                assertEquals(!expected.containsKey("leadId") || expected.isNull("leadId") ? "" : expected.get("leadId").toString(),
                        row.get(2));
                assertEquals(expected.getString("dynamicsId"), row.get(3));
                assertEquals(expected.getString("direction"), row.get(6));
                assertEquals(code, row.get(7));
            }
            assertEquals("'=1+1 looks like a formula", rows.get(1).get(8));
            assertEquals("lastname is required, said \"Dynamics\"\nsecond line", rows.get(2).get(8));
        }
    }

    @Test
    void malformedRequestsGet4xxWithTheErrorBodyAndChangeNothing() {
        long person = PERSONS.incrementAndGet();
        log.record(failure(person, Instant.parse("2026-11-22T08:00:00Z"), ActivityDirection.TO_DYNAMICS, "it-malformed"));
        String huge = "x".repeat(100_000);
        String longId = "9".repeat(1500);
        String acts = "api/persons/" + person + "/activities";
        List<Case> cases = List.of(
                json("broken JSON", "api/sync/pause", "{"),
                json("truncated JSON", "api/sync/pause", "{\"paused\":"),
                json("not JSON at all", "api/sync/pause", "pause now"),
                json("unknown field", "api/sync/pause", "{\"paused\":true}"),
                json("unknown field on resume", "api/sync/resume", "{\"reason\":\"maintenance\"}"),
                json("array instead of object", "api/sync/pause", "[]"),
                json("string instead of object", "api/sync/pause", "\"pause\""),
                json("number instead of object", "api/sync/pause", "42"),
                json("huge unknown string", "api/sync/pause", "{\"note\":\"" + huge + "\"}"),
                json("trailing garbage", "api/sync/pause", "{} {}"),
                json("trailing comma", "api/sync/pause", "{\"a\":1,}"),
                new Case("body over 1 MiB", 413, http -> http.target("api/sync/pause").request()
                        .post(Entity.json("{\"note\":\"" + "y".repeat(1_100_000) + "\"}"))),
                new Case("text/plain body", 415, http -> http.target("api/sync/pause").request()
                        .post(Entity.entity("pause", MediaType.TEXT_PLAIN))),
                new Case("XML body", 415, http -> http.target("api/sync/pause").request()
                        .post(Entity.entity("<pause/>", MediaType.APPLICATION_XML))),
                new Case("form body", 415, http -> http.target("api/sync/pause").request()
                        .post(Entity.form(new jakarta.ws.rs.core.Form("paused", "true")))),
                new Case("PUT on status", 405, http -> http.target("api/sync/status").request().put(Entity.json("{}"))),
                new Case("DELETE on pause", 405, http -> http.target("api/sync/pause").request().delete()),
                new Case("GET on pause", 405, http -> http.get("api/sync/pause")),
                new Case("POST on activities", 405, http -> http.postJson(acts, "{}")),
                get("leadId not a number", 400, "api/persons/abc/activities"),
                get("leadId negative", 400, "api/persons/-5/activities"),
                get("leadId zero", 400, "api/persons/0/activities"),
                get("leadId overflows a long", 400, "api/persons/99999999999999999999999/activities"),
                get("leadId huge", 400, "api/persons/" + longId + "/activities"),
                get("limit zero", 400, acts + "?limit=0"),
                get("limit above 200", 400, acts + "?limit=201"),
                get("limit negative", 400, acts + "?limit=-1"),
                get("limit not a number", 400, acts + "?limit=abc"),
                get("limit fractional", 400, acts + "?limit=1.5"),
                get("before not a number", 400, acts + "?before=abc"),
                get("before negative", 400, acts + "?before=-3"),
                get("since not ISO-8601", 400, "api/sync/errors?since=yesterday"),
                get("since impossible date", 400, "api/sync/errors?since=2026-13-45T00:00:00Z"),
                get("since without zone", 400, "api/sync/errors?since=2026-11-25T10:00:00"),
                get("direction unknown", 400, "api/sync/errors?direction=sideways"),
                get("errors limit too big", 400, "api/sync/errors?limit=100000"),
                get("errors limit huge", 400, "api/sync/errors?limit=" + longId),
                get("errorCode too long", 400, "api/sync/errors?errorCode=" + "e".repeat(1000)),
                new Case("errors as XML", 406, http -> http.target("api/sync/errors").request(MediaType.APPLICATION_XML).get()),
                get("unknown path", 404, "api/persons/1/no-such-thing"));
        assertTrue(cases.size() >= 30, "the brief asks for at least 30 cases");

        try (Http http = new Http(base)) {
            String errorsBefore = http.getJson("api/sync/errors?limit=1000").toString();
            String activitiesBefore = http.getJson(acts).toString();
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                try (Response r = c.call().apply(http)) {
                    String body = r.readEntity(String.class);
                    boolean jsonError = r.getMediaType() != null
                            && r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)
                            && body.startsWith("{\"error\":\"") && body.contains("\"message\":\"");
                    boolean noInternals = !body.contains("Exception") && !body.contains("org.")
                            && !body.contains("class ") && !body.contains("<html");
                    if (r.getStatus() != c.status() || !jsonError || !noInternals || body.length() > 2000) {
                        wrong.add(c.name() + " -> " + r.getStatus() + " " + body.substring(0, Math.min(300, body.length())));
                    }
                }
            }
            assertEquals(List.of(), wrong);
            JsonObject status = http.getJson("api/sync/status");
            assertFalse(status.getBoolean("paused"), status.toString());
            assertEquals(errorsBefore, http.getJson("api/sync/errors?limit=1000").toString());
            assertEquals(activitiesBefore, http.getJson(acts).toString());
        }
    }

    @Test
    void badQueryParametersAreNamedInTheDetails() {
        try (Http http = new Http(base)) {
            try (Response r = http.get("api/persons/1/activities?limit=500")) {
                assertBadRequestNaming("limit", r);
            }
            try (Response r = http.get("api/persons/abc/activities")) {
                assertBadRequestNaming("leadId", r);
            }
            try (Response r = http.get("api/sync/errors?since=last-week")) {
                assertBadRequestNaming("since", r);
            }
            try (Response r = http.get("api/sync/errors?direction=up")) {
                assertBadRequestNaming("direction", r);
            }
            try (Response r = http.target("api/sync/errors").queryParam("limit", "0").request("text/csv").get()) {
                assertBadRequestNaming("limit", r);
            }
        }
    }

    @Test
    void brokenJsonNamesTheProblem() {
        try (Http http = new Http(base); Response r = http.postJson("api/sync/pause", "{\"a\":")) {
            assertBadRequestNaming("body", r);
        }
    }

    private static ActivityEntry failure(long person, Instant at, ActivityDirection direction, String code) {
        return new ActivityEntry(person, at, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED).direction(direction).operation(ActivityOperation.UPDATE)
                .record("lead", "b2c3d4e5-0000-4000-8000-00000000000" + (person % 10))
                .fields(List.of("lastname")).error(code, "lastname is required by Dynamics");
    }

    private static void assertBadRequestNaming(String field, Response r) {
        assertEquals(400, r.getStatus());
        JsonObject error = r.readEntity(JsonObject.class);
        assertEquals("bad-request", error.getString("error"));
        assertFalse(error.getString("message").isBlank());
        assertEquals(field, error.getJsonArray("details").getJsonObject(0).getString("field"), error.toString());
    }

    private static List<Long> idsOf(JsonObject page) {
        return idsOf(page.getJsonArray("activities"));
    }

    private static List<Long> idsOf(JsonArray entries) {
        return entries.getValuesAs(JsonObject.class).stream().map(e -> e.getJsonNumber("id").longValue()).toList();
    }

    private static Case json(String name, String path, String body) {
        return new Case(name, 400, http -> http.target(path).request(MediaType.APPLICATION_JSON)
                .post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE)));
    }

    private static Case get(String name, int status, String path) {
        return new Case(name, status, http -> http.get(path));
    }

    private record Case(String name, int status, Function<Http, Response> call) {
    }

    // ---- Marketo connector ----------------------------------------------------------------------------------

    private static List<Map<String, Object>> persons(String prefix, int count, String firstName) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("email", prefix + i + "@example.com");
            record.put("firstName", firstName);
            record.put("lastName", "Person" + i);
            records.add(record);
        }
        return records;
    }

    private long calls(String endpoint) {
        @SuppressWarnings("unchecked")
        Map<String, Long> byEndpoint = (Map<String, Long>) marketoSandbox.stats().get("callsByEndpoint");
        return byEndpoint.getOrDefault(endpoint, 0L);
    }

    /** Reads the feed from `cursor` until nothing more is waiting; answers the pages. */
    private List<PersonChanges> drain(String cursor, Set<String> fields) {
        List<PersonChanges> pages = new ArrayList<>();
        PersonChanges page;
        do {
            page = connector.readChanges(cursor, fields);
            pages.add(page);
            cursor = page.nextCursor();
        } while (page.moreWaiting());
        return pages;
    }

    @Test
    void thousandUpsertsGoOutInFourCalls() {
        List<RecordOutcome> outcomes = connector.upsert(persons("k", 1000, "Kay"), SyncAction.CREATE_OR_UPDATE, "email");
        assertEquals(1000, outcomes.size());
        assertTrue(outcomes.stream().allMatch(o -> o.status() == RecordOutcome.Status.CREATED), outcomes.get(0).toString());
        for (int i = 0; i < outcomes.size(); i++) {
            assertEquals(i, outcomes.get(i).index());
        }
        assertTrue(calls("POST leads.json") <= 4, "calls: " + calls("POST leads.json"));
        assertEquals(1000, marketoSandbox.stats().get("persons"));
    }

    @Test
    void aChangeShowsUpInTheFeedOnceWithOldAndNewValue() {
        long id = connector.upsert(persons("c", 1, "Before"), SyncAction.CREATE_OR_UPDATE, "email").get(0).personId();
        String cursor = connector.startCursor(Instant.now());
        Map<String, Object> change = new LinkedHashMap<>(Map.of("email", "c0@example.com", "firstName", "After"));
        assertEquals(RecordOutcome.Status.UPDATED, connector.upsert(List.of(change), SyncAction.UPDATE_ONLY, "email").get(0).status());
        List<PersonChanges> pages = drain(cursor, Set.of("firstName", "lastName"));
        List<PersonChange> changes = pages.stream().flatMap(p -> p.changes().stream())
                .filter(c -> c.kind() == PersonChange.Kind.CHANGED).toList();
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(id, changes.get(0).personId());
        assertEquals("firstName", changes.get(0).fields().get(0).field());
        assertEquals("Before", changes.get(0).fields().get(0).oldValue());
        assertEquals("After", changes.get(0).fields().get(0).newValue());
        PersonChanges again = connector.readChanges(pages.get(pages.size() - 1).nextCursor(), Set.of("firstName"));
        assertTrue(again.changes().isEmpty(), "read once: " + again);
        assertFalse(again.moreWaiting());
    }

    @Test
    void pagingThroughTwoThousandChangesReturnsEachExactlyOnce() {
        connector.upsert(persons("p", 2000, "One"), SyncAction.CREATE_OR_UPDATE, "email");
        String cursor = connector.startCursor(Instant.now());
        connector.upsert(persons("p", 2000, "Two"), SyncAction.CREATE_OR_UPDATE, "email");
        List<PersonChanges> pages = drain(cursor, Set.of("firstName"));
        List<PersonChange> changes = pages.stream().flatMap(p -> p.changes().stream())
                .filter(c -> c.kind() == PersonChange.Kind.CHANGED).toList();
        assertEquals(2000, changes.size());
        assertEquals(2000, changes.stream().map(PersonChange::activityId).collect(Collectors.toSet()).size());
        assertEquals(2000, changes.stream().map(PersonChange::personId).collect(Collectors.toSet()).size());
        assertTrue(changes.stream().allMatch(c -> c.fields().get(0).newValue().equals("Two")));
        assertTrue(pages.size() >= 7, "300 a page at most: " + pages.size());
    }

    @Test
    void tokenExpiryMidRunIsSurvived() {
        connector.upsert(persons("t", 10, "First"), SyncAction.CREATE_OR_UPDATE, "email");
        marketoSandbox.expireTokens();
        List<RecordOutcome> outcomes = connector.upsert(persons("t", 10, "Second"), SyncAction.CREATE_OR_UPDATE, "email");
        assertTrue(outcomes.stream().allMatch(o -> o.status() == RecordOutcome.Status.UPDATED));
        assertEquals(1, calls("identity/oauth/token"), "one new token");
        assertEquals(3, calls("POST leads.json"), "first call, the 602, the replay");
    }

    @Test
    void injected606And5xxAreRetriedAndTheDataLands() {
        // a fresh token first: the faults are for the sync calls, and a token request would take one of them
        connector.describe();
        faults.arm(new Fault("marketo", null, "606", null, 2));
        connector.upsert(persons("r", 5, "Rate"), SyncAction.CREATE_OR_UPDATE, "email");
        // the faulted call was sent again; a token refresh in between may take one of the two faults itself
        long afterRateLimit = calls("POST leads.json");
        assertTrue(afterRateLimit >= 2 && afterRateLimit <= 3, "calls: " + afterRateLimit);
        faults.arm(new Fault("marketo", 503, null, null, 2));
        connector.upsert(persons("s", 5, "Server"), SyncAction.CREATE_OR_UPDATE, "email");
        long afterServerErrors = calls("POST leads.json") - afterRateLimit;
        assertTrue(afterServerErrors >= 2 && afterServerErrors <= 3, "calls: " + afterServerErrors);
        assertEquals(10, marketoSandbox.stats().get("persons"));
        assertEquals(3, connector.findByEmails(List.of("r0@example.com", "r4@example.com", "s0@example.com"),
                List.of("firstName")).size());
    }

    @Test
    void dailyQuotaStopsCleanlyWithoutRetry() {
        connector.describe();
        faults.arm(new Fault("marketo", null, "607", null, 5));
        assertThrows(MarketoQuotaExceeded.class,
                () -> connector.upsert(persons("q", 3, "Quota"), SyncAction.CREATE_OR_UPDATE, "email"));
        assertEquals(1, calls("POST leads.json"));
        assertEquals(0, marketoSandbox.stats().get("persons"));
    }

    @Test
    void perRecordSkipsComeBackWithMarketoCodesInOrder() {
        connector.upsert(persons("x", 1, "Exists"), SyncAction.CREATE_OR_UPDATE, "email");
        Map<String, Object> unknownField = new LinkedHashMap<>(Map.of("email", "u@example.com", "shoeSize", 44));
        Map<String, Object> fresh = new LinkedHashMap<>(Map.of("email", "fresh@example.com"));
        List<RecordOutcome> outcomes = connector.upsert(List.of(persons("x", 1, "Again").get(0), unknownField, fresh),
                SyncAction.CREATE_ONLY, "email");
        assertEquals(RecordOutcome.Status.SKIPPED, outcomes.get(0).status());
        assertEquals("1005", outcomes.get(0).code());
        assertEquals("1006", outcomes.get(1).code());
        assertEquals(RecordOutcome.Status.CREATED, outcomes.get(2).status());
        assertNotNull(outcomes.get(2).personId());
        RecordOutcome missing = connector.upsert(List.of(new LinkedHashMap<>(Map.of("email", "ghost@example.com"))),
                SyncAction.UPDATE_ONLY, "email").get(0);
        assertEquals("1004", missing.code());
        assertTrue(missing.message().length() > 0);
    }

    @Test
    void readsByIdsAndEmailsAreBatched() {
        List<RecordOutcome> created = connector.upsert(persons("b", 350, "Batch"), SyncAction.CREATE_OR_UPDATE, "email");
        List<Long> ids = created.stream().map(RecordOutcome::personId).toList();
        List<MarketoPerson> byId = connector.findByIds(ids, List.of("email", "firstName", "msftIsDeleted"));
        assertEquals(350, byId.size());
        assertEquals("Batch", byId.get(0).fields().get("firstName"));
        assertTrue(byId.get(0).fields().containsKey("msftIsDeleted"));
        List<String> emails = persons("b", 350, "").stream().map(p -> (String) p.get("email")).toList();
        assertEquals(350, connector.findByEmails(emails, List.of("lastName")).size());
        assertEquals(4, calls("GET leads.json"), "two batches of ≤300 for each read");
    }

    @Test
    void describeGivesTheFieldCatalogue() {
        Map<String, MarketoFieldInfo> fields = connector.describe().stream()
                .collect(Collectors.toMap(MarketoFieldInfo::name, f -> f));
        assertEquals("boolean", fields.get("msftIsDeleted").dataType());
        assertTrue(fields.get("updatedAt").readOnly());
        assertFalse(fields.get("email").readOnly());
        assertEquals(255, fields.get("company").length());
    }

    @Test
    void deletionsShowUpInTheFeedAndActivitiesArePushed() {
        List<RecordOutcome> created = connector.upsert(persons("d", 2, "Del"), SyncAction.CREATE_OR_UPDATE, "email");
        long keep = created.get(0).personId();
        long gone = created.get(1).personId();
        List<RecordOutcome> pushed = connector.pushActivities(List.of(
                new CustomActivity(keep, Instant.now(), 100001, "Synced to Dynamics", Map.of("Detail", "created lead")),
                new CustomActivity(999_999, Instant.now(), 100001, "Nobody", Map.of())));
        assertEquals(RecordOutcome.Status.ADDED, pushed.get(0).status());
        assertEquals("1004", pushed.get(1).code());
        String cursor = connector.startCursor(Instant.now());
        List<RecordOutcome> deleted = connector.deletePersons(List.of(gone, 424242L));
        assertEquals(RecordOutcome.Status.DELETED, deleted.get(0).status());
        assertEquals(RecordOutcome.Status.SKIPPED, deleted.get(1).status());
        List<Long> deletedIds = drain(cursor, Set.of("firstName")).stream()
                .flatMap(p -> p.deletedPersonIds().stream()).toList();
        assertEquals(List.of(gone), deletedIds);
    }

    /** Not a timing assertion: measures calls and time for 10,000 upserts, for the report. */
    @Test
    void tenThousandUpsertsAreMeasured() throws Exception {
        long started = System.nanoTime();
        List<RecordOutcome> outcomes = connector.upsert(persons("m", 10_000, "Bulk"), SyncAction.CREATE_OR_UPDATE, "email");
        long millis = (System.nanoTime() - started) / 1_000_000;
        Predicate<RecordOutcome> created = o -> o.status() == RecordOutcome.Status.CREATED;
        assertEquals(10_000, outcomes.stream().filter(created).count());
        long calls = calls("POST leads.json");
        assertEquals(34, calls);
        String line = "marketo: 10000 upserts in " + calls + " calls, " + millis + " ms";
        System.out.println(line);
        Path report = Path.of(System.getProperty("java.io.tmpdir"), "leadsync-marketo-upsert-10000.txt");
        Files.writeString(report, line + System.lineSeparator());
        assertEquals(new HashSet<>(List.of(line)), new HashSet<>(Files.readAllLines(report)));
    }

    // ---- Dynamics connector ---------------------------------------------------------------------------------

    private static Map<String, String> lead(int i) {
        Map<String, String> values = new HashMap<>();
        values.put("firstname", "Ada");
        values.put("lastname", "Lovelace " + i);
        values.put("subject", "Marketo lead");
        values.put("companyname", "Contoso");
        values.put("emailaddress1", "ada" + i + "@example.com");
        return values;
    }

    private static List<DynamicsWrite> creates(int n) {
        List<DynamicsWrite> writes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            writes.add(DynamicsWrite.create(CrmEntity.LEAD, lead(i)));
        }
        return writes;
    }

    private long webApiCalls() {
        return (Long) dynamicsSandbox.stats().get("callsTotal");
    }

    @Test
    void aThousandCreatesTakeAtMostTenBatchRequests() {
        dynamics.attributes(CrmEntity.LEAD);
        long before = webApiCalls();
        List<WriteOutcome> outcomes = dynamics.write(creates(1000));
        long requests = webApiCalls() - before;
        assertEquals(1000, outcomes.size());
        assertTrue(outcomes.stream().allMatch(WriteOutcome::succeeded), outcomes.stream().filter(o -> !o.succeeded()).findFirst().toString());
        assertEquals(1000, new HashSet<>(outcomes.stream().map(WriteOutcome::id).toList()).size(), "each create has its own id");
        assertTrue(requests <= 10, "HTTP requests: " + requests);
        assertEquals(1000, ((Map<?, ?>) dynamicsSandbox.stats().get("rows")).get("leads"));
    }

    @Test
    void aDeltaLinkReturnsAnUpdateOnceAndADeleteAsADeletedId() {
        String kept = dynamics.create(CrmEntity.LEAD, lead(1));
        String gone = dynamics.create(CrmEntity.LEAD, lead(2));
        RecordChanges initial = dynamics.changes(CrmEntity.LEAD, List.of("firstname", "lastname", "emailaddress1"), null);
        assertTrue(initial.last());
        assertEquals(Set.of(kept, gone), ids(initial.changed()));
        dynamics.update(CrmEntity.LEAD, kept, Map.of("firstname", "Monty"));
        dynamics.delete(CrmEntity.LEAD, gone);
        RecordChanges delta = dynamics.changes(CrmEntity.LEAD, null, initial.cursor());
        assertEquals(1, delta.changed().size());
        assertEquals(kept, delta.changed().get(0).id());
        assertEquals("Monty", delta.changed().get(0).get("firstname"));
        assertEquals(List.of(gone), delta.deletedIds());
        RecordChanges quiet = dynamics.changes(CrmEntity.LEAD, null, delta.cursor());
        assertTrue(quiet.changed().isEmpty() && quiet.deletedIds().isEmpty(), "the update comes once");
    }

    @Test
    void pagingOverTwelveThousandRowsReturnsEachOnce() {
        dynamicsSandbox.seed(new SeedRequest(12_000, 0, 0, 0.0, 7L));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        RecordChanges page;
        do {
            page = dynamics.changes(CrmEntity.LEAD, List.of("emailaddress1"), cursor);
            page.changed().forEach(r -> seen.add(r.id()));
            cursor = page.cursor();
            pages++;
        } while (!page.last());
        assertEquals(12_000, seen.size());
        assertEquals(12_000, new HashSet<>(seen).size());
        assertTrue(pages >= 3, "pages: " + pages);
    }

    @Test
    void aStaleEtagIsATypedConflict() {
        String id = dynamics.create(CrmEntity.LEAD, lead(1));
        DynamicsRecord read = dynamics.byIds(CrmEntity.LEAD, List.of(id), List.of("lastname")).get(0);
        dynamics.update(CrmEntity.LEAD, id, Map.of("jobtitle", "CTO"));
        assertThrows(DynamicsConflict.class, () -> dynamics.updateIf(CrmEntity.LEAD, id, Map.of("jobtitle", "CEO"), read.etag()));
        DynamicsRecord now = dynamics.byIds(CrmEntity.LEAD, List.of(id), null).get(0);
        assertEquals("CTO", now.get("jobtitle"));
        dynamics.updateIf(CrmEntity.LEAD, id, Map.of("jobtitle", "CEO"), now.etag());
    }

    @Test
    void businessRuleAndMaxLengthFailuresAreTypedAndTheRestOfTheBatchSucceeds() {
        dynamicsSandbox.addRule(new BusinessRule("lead", "companyname", "required"));
        List<DynamicsWrite> writes = new ArrayList<>(creates(5));
        Map<String, String> noCompany = lead(10);
        noCompany.remove("companyname");
        writes.set(1, DynamicsWrite.create(CrmEntity.LEAD, noCompany));
        Map<String, String> tooLong = lead(11);
        tooLong.put("lastname", "x".repeat(51));
        writes.set(3, DynamicsWrite.create(CrmEntity.LEAD, tooLong));
        List<WriteOutcome> outcomes = dynamics.write(writes);
        assertEquals(5, outcomes.size());
        assertEquals(WriteOutcome.Kind.VALIDATION_FAILED, outcomes.get(1).kind());
        assertEquals("0x80040265", outcomes.get(1).code());
        assertEquals("companyname", outcomes.get(1).attribute());
        assertEquals(WriteOutcome.Kind.VALIDATION_FAILED, outcomes.get(3).kind());
        assertEquals("lastname", outcomes.get(3).attribute());
        for (int i : new int[] {0, 2, 4}) {
            assertTrue(outcomes.get(i).succeeded(), outcomes.get(i).toString());
        }
        assertEquals(3, ((Map<?, ?>) dynamicsSandbox.stats().get("rows")).get("leads"));
        DynamicsValidationFailed single = assertThrows(DynamicsValidationFailed.class, () -> dynamics.create(CrmEntity.LEAD, noCompany));
        assertEquals("companyname", single.attribute());
        assertEquals("0x80040265", single.code());
    }

    @Test
    void injectedThrottlingAndOutagesAreSurvived() {
        String id = dynamics.create(CrmEntity.LEAD, lead(1));
        faults.arm(new Fault("dynamics", 429, null, null, 2));
        long before = webApiCalls();
        assertEquals(1, dynamics.byIds(CrmEntity.LEAD, List.of(id), null).size());
        assertEquals(3, webApiCalls() - before, "two 429s, then the answer");
        faults.arm(new Fault("dynamics", 503, null, null, 3));
        assertEquals(1, dynamics.write(creates(3)).stream().map(WriteOutcome::kind).distinct().count());
        assertTrue(dynamics.byEmails(CrmEntity.LEAD, List.of("ada0@example.com", "ADA1@example.com"), null).size() >= 2);
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallReplayed() {
        String id = dynamics.create(CrmEntity.LEAD, lead(1));
        Map<?, ?> calls = (Map<?, ?>) dynamicsSandbox.stats().get("calls");
        long tokensBefore = calls.containsKey("POST token") ? (Long) calls.get("POST token") : 0;
        tokens.expireAll();
        assertEquals(1, dynamics.byIds(CrmEntity.LEAD, List.of(id), null).size());
        assertEquals(tokensBefore + 1, ((Map<?, ?>) dynamicsSandbox.stats().get("calls")).get("POST token"));
    }

    @Test
    void theValidatorRefusesALeadWithoutLastnameBeforeAnyRequest() {
        dynamics.attributes(CrmEntity.LEAD);
        long before = webApiCalls();
        Map<String, String> values = lead(1);
        values.remove("lastname");
        DynamicsValidationFailed refused = assertThrows(DynamicsValidationFailed.class, () -> dynamics.create(CrmEntity.LEAD, values));
        assertEquals("lastname", refused.attribute());
        List<WriteOutcome> outcomes = dynamics.write(List.of(DynamicsWrite.create(CrmEntity.LEAD, values)));
        assertEquals("lastname", outcomes.get(0).attribute());
        assertEquals(before, webApiCalls(), "nothing was sent");
    }

    @Test
    void qualifyingALeadCreatesAContactThatPointsBack() {
        String leadId = dynamics.create(CrmEntity.LEAD, lead(1));
        String contactId = dynamics.qualify(leadId);
        DynamicsRecord contact = dynamics.byIds(CrmEntity.CONTACT, List.of(contactId), null).get(0);
        assertEquals(leadId, contact.originatingLeadId());
        assertEquals("ada1@example.com", contact.get("emailaddress1"));
        DynamicsRecord lead = dynamics.byIds(CrmEntity.LEAD, List.of(leadId), null).get(0);
        assertEquals(1L, lead.get("statecode"));
        assertEquals(3L, lead.get("statuscode"));
        assertFalse(dynamics.attributes(CrmEntity.CONTACT).isEmpty());
    }

    /** Issue 4 asks for these figures in the report; logged, not asserted. */
    @Test
    void measureTenThousandCreatesAndATenThousandRowDelta() {
        dynamics.attributes(CrmEntity.LEAD);
        RecordChanges start = dynamics.changes(CrmEntity.LEAD, null, null);
        long calls = webApiCalls();
        long t0 = System.nanoTime();
        List<WriteOutcome> outcomes = dynamics.write(creates(10_000));
        long createMs = (System.nanoTime() - t0) / 1_000_000;
        long createCalls = webApiCalls() - calls;
        assertEquals(10_000, outcomes.stream().filter(WriteOutcome::succeeded).count());
        calls = webApiCalls();
        t0 = System.nanoTime();
        int rows = 0;
        String cursor = start.cursor();
        RecordChanges page;
        do {
            page = dynamics.changes(CrmEntity.LEAD, null, cursor);
            rows += page.changed().size();
            cursor = page.cursor();
        } while (!page.last());
        long deltaMs = (System.nanoTime() - t0) / 1_000_000;
        long deltaCalls = webApiCalls() - calls;
        assertEquals(10_000, rows);
        String line = String.format("dynamics: 10000 creates: %d HTTP requests, %d ms; 10000-row delta: %d HTTP requests, %d ms%n",
                createCalls, createMs, deltaCalls, deltaMs);
        LOG.info(line);
        try {
            Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "leadsync-dynamics-measurements.txt"), line,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warning("could not write measurements: " + e);
        }
    }

    private static Set<String> ids(List<DynamicsRecord> records) {
        Set<String> out = new HashSet<>();
        records.forEach(r -> out.add(r.id()));
        return out;
    }
}
