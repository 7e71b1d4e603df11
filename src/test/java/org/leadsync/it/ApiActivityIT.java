package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;

/**
 * The activity log and the sync-errors view over HTTP. Runs inside Payara: there is no sync engine yet, so the
 * test records entries through ActivityLog itself, then reads them back through the API like any client.
 */
@ExtendWith(ArquillianExtension.class)
class ApiActivityIT {

    private static final AtomicLong PERSONS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    @Deployment
    static WebArchive deployment() {
        return LeadSyncWar.build()
                .addClasses(ApiActivityIT.class, Http.class)
                .addAsLibraries(jarOf(CSVFormat.class), jarOf(org.apache.commons.io.IOUtils.class),
                        jarOf(org.apache.commons.codec.Charsets.class));
    }

    @ArquillianResource
    URL base;

    /** The jar a test library came from, so the in-container test can parse CSV too. */
    private static java.io.File jarOf(Class<?> type) {
        try {
            return new java.io.File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    ActivityLog log;

    @Test
    void activitiesComeNewestFirstInPagesCutByBefore() {
        long person = PERSONS.incrementAndGet();
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(log.record(new ActivityEntry(person, t.plusSeconds(i), "updated-in-dynamics", "succeeded")
                    .direction("to-dynamics").operation("update").record("lead", "9f3c2b1e-0c1d-4e5f-8a9b-0123456789ab")
                    .fields(List.of("lastname", "companyname"))).id());
        }
        log.record(new ActivityEntry(person + 1, t.plusSeconds(9), "collision", "succeeded"));

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
            assertEquals("succeeded", newest.getString("outcome"));
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
        long other = log.record(new ActivityEntry(person + 1, Instant.now(), "collision", "succeeded")).id();
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
        long old = log.record(failure(anna, t, "to-dynamics", code)).id();
        long toMarketo = log.record(failure(ben, t.plusSeconds(60), "to-marketo", code)).id();
        long newest = log.record(failure(anna, t.plusSeconds(120), "to-dynamics", code)).id();
        log.record(new ActivityEntry(anna, t.plusSeconds(180), "updated-in-dynamics", "succeeded")
                .direction("to-dynamics").error(code, "not a failure"));
        log.record(failure(ben, t.plusSeconds(240), "to-dynamics", code + "-other"));

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
        log.record(failure(person, t, "to-dynamics", code)
                .message("lastname is required, said \"Dynamics\"\nsecond line"));
        log.record(new ActivityEntry(null, t.plusSeconds(1), "sync-failed", "failed")
                .direction("to-marketo").operation("create").record("contact", "c0ffee00-0000-4000-8000-000000000001")
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
        log.record(failure(person, Instant.parse("2026-11-22T08:00:00Z"), "to-dynamics", "it-malformed"));
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

    private static ActivityEntry failure(long person, Instant at, String direction, String code) {
        return new ActivityEntry(person, at, "sync-failed", "failed").direction(direction).operation("update")
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
}
