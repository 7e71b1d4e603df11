package org.leadsync.sandbox.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.leadsync.sandbox.JsonFactory;
import org.junit.jupiter.api.Test;

/**
 * Every datetime the Marketo emulator writes is ISO-8601 UTC with whole seconds, `2026-11-25T10:00:00Z`,
 * as in the REST API docs' examples (Leads: createdAt/updatedAt; Activities: activityDate).
 */
class MarketoDatetimeFormatTest {

    private static final Pattern WHOLE_SECONDS_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    /** A clock the test moves; starts with a fraction of a second. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00.123456789Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Map<String, Object> person(String email, String firstName) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("email", email);
        values.put("firstName", firstName);
        return values;
    }

    @Test
    void theFormatKeepsZeroSecondsAndDropsFractions() {
        assertEquals("2026-11-25T10:00:00Z", MarketoTime.format(Instant.parse("2026-11-25T10:00:00Z")));
        assertEquals("2026-11-25T10:00:00Z", MarketoTime.format(Instant.parse("2026-11-25T10:00:00.999Z")));
        assertEquals("2026-11-25T08:00:05Z", MarketoTime.format(Instant.parse("2026-11-25T10:00:05.5+02:00")));
    }

    @Test
    void createdAtAndUpdatedAtAreWholeSeconds() {
        MovingClock clock = new MovingClock();
        PersonStore store = new PersonStore(clock);
        store.sync("createOrUpdate", "email", List.of(person("a@x.com", "Ann")));
        Map<String, Object> created = store.find("email", List.of("a@x.com")).get(0);
        assertEquals("2026-11-25T10:00:00Z", created.get("createdAt"));
        assertEquals("2026-11-25T10:00:00Z", created.get("updatedAt"));
        clock.now = Instant.parse("2026-11-25T10:07:31.999Z");
        store.sync("createOrUpdate", "email", List.of(person("a@x.com", "Anna")));
        Map<String, Object> updated = store.find("email", List.of("a@x.com")).get(0);
        assertEquals("2026-11-25T10:00:00Z", updated.get("createdAt"));
        assertEquals("2026-11-25T10:07:31Z", updated.get("updatedAt"));
    }

    @Test
    void everyDatetimeOnTheWireIsWholeSecondsUtc() {
        MarketoCalls m = new MarketoCalls();
        JsonObject sync = MarketoCalls.body(m.rest.syncLeads(m.bearer, null, JsonFactory.JSON.createObjectBuilder()
                .add("input", JsonFactory.JSON.createArrayBuilder()
                        .add(JsonFactory.JSON.createObjectBuilder().add("email", "w@x.com").add("firstName", "W")))
                .build()));
        long id = sync.getJsonArray("result").getJsonObject(0).getJsonNumber("id").longValue();
        m.rest.syncLeads(m.bearer, null, JsonFactory.JSON.createObjectBuilder()
                .add("input", JsonFactory.JSON.createArrayBuilder()
                        .add(JsonFactory.JSON.createObjectBuilder().add("email", "w@x.com").add("firstName", "Wes")))
                .build());
        m.rest.addCustomActivities(m.bearer, null, JsonFactory.JSON.createObjectBuilder()
                .add("input", JsonFactory.JSON.createArrayBuilder().add(JsonFactory.JSON.createObjectBuilder()
                        .add("leadId", id).add("activityDate", "2026-11-25T12:30:15.789+02:00").add("activityTypeId", 100001)
                        .add("primaryAttributeValue", "Conference")))
                .build());
        m.rest.delete(m.bearer, null, JsonFactory.JSON.createObjectBuilder()
                .add("input", JsonFactory.JSON.createArrayBuilder().add(JsonFactory.JSON.createObjectBuilder().add("id", id)))
                .build());
        m.rest.syncLeads(m.bearer, null, JsonFactory.JSON.createObjectBuilder()
                .add("input", JsonFactory.JSON.createArrayBuilder()
                        .add(JsonFactory.JSON.createObjectBuilder().add("email", "v@x.com").add("firstName", "V")))
                .build());

        JsonObject lead = MarketoCalls.body(m.rest.leads(m.bearer, null, "email", "v@x.com", null, null, null))
                .getJsonArray("result").getJsonObject(0);
        assertTrue(WHOLE_SECONDS_UTC.matcher(lead.getString("createdAt")).matches(), lead.toString());
        assertTrue(WHOLE_SECONDS_UTC.matcher(lead.getString("updatedAt")).matches(), lead.toString());

        String token = MarketoCalls.body(m.rest.pagingToken(m.bearer, null, "2000-01-01")).getString("nextPageToken");
        List<JsonObject> activities = new java.util.ArrayList<>();
        MarketoCalls.body(m.rest.leadChanges(m.bearer, null, token, "firstName", null)).getJsonArray("result")
                .forEach(v -> activities.add(v.asJsonObject()));
        MarketoCalls.body(m.rest.deletedLeads(m.bearer, null, token, null)).getJsonArray("result")
                .forEach(v -> activities.add(v.asJsonObject()));
        JsonObject all = MarketoCalls.body(m.rest.activities(m.bearer, null, "12,13,37,100001", token, null, null));
        for (JsonValue v : all.getJsonArray("result")) {
            activities.add(v.asJsonObject());
            if (v.asJsonObject().getInt("activityTypeId") == 100001) {
                assertEquals("2026-11-25T10:30:15Z", v.asJsonObject().getString("activityDate"));
            }
        }
        // leadchanges: 2 New Lead + 1 Change Data Value; deletedleads: 1; activities.json: those 4 and the custom one
        assertEquals(3 + 1 + 5, activities.size());
        for (JsonObject a : activities) {
            assertTrue(WHOLE_SECONDS_UTC.matcher(a.getString("activityDate")).matches(), a.toString());
        }
    }
}
