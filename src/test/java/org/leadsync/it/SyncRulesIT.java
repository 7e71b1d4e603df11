package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sync rules of docs/sync-rules.md, one test per rule, black-box: each test changes data through the
 * sandbox's vendor APIs, waits for a cycle that started after the change (R3: nothing forces one; SyncWatch names
 * the cycle from /api/sync/status, never from the clock) and asserts the end state in
 * Marketo, in Dynamics and in the person's activity log. The app's database is not reset between tests, so every
 * test makes its own records with unique emails. Tagged `postgresql`: also run on PostgreSQL (pom.xml).
 */
@ExtendWith(SyncRulesDatabase.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
class SyncRulesIT extends DeployedLeadSync {

    @AfterEach
    void clearFaultsAndResume() {
        vendors.clearFaults();
        sync.resume();
    }

    /** Guards the PostgreSQL execution: Payara ignores a failing post-boot command and would quietly stay on H2. */
    @Test
    @Tag("postgresql")
    void r00TheAppRunsOnTheDatabaseThisExecutionChose() {
        String expected = "postgresql".equals(System.getProperty("leadsync.it.sync")) ? "PostgreSQL" : "H2";
        try (Response r = http.get("/health/ready")) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus(), body);
            assertTrue(body.contains("\"product\":\"" + expected + "\""), "expected " + expected + ": " + body);
        }
    }

    // ---- R3 -------------------------------------------------------------------------------------------------

    @Test
    void r03BackgroundCycleRunsOnTheTimerAndCannotBeForced() {
        JsonObject status = sync.status();
        assertEquals("PT1S", status.getString("interval"), "the test configuration's interval is served");
        for (String path : List.of("api/sync/run", "api/sync/cycle", "api/sync/now")) {
            try (Response r = http.post(path)) {
                assertEquals(404, r.getStatus(), "no endpoint forces a cycle (R3): " + path);
            }
        }
        Pair pair = newLinkedLead("r03");
        JsonObject first = sync.nextCycle();
        JsonObject second = sync.cycleAfter(first);
        assertFalse(Instant.parse(second.getString("startedAt")).isBefore(Instant.parse(first.getString("finishedAt"))),
                "the next cycle starts after the previous one ends: " + first + " / " + second);
        assertEquals("finished", second.getString("outcome"));
        assertTrue(sync.status().containsKey("nextCycleAt"));
        assertEquals("Lead", person(pair.personId).getString("msftType"));
        assertEquals(1, count(activities(pair.personId), "created-in-marketo"));
    }

    // ---- R6 -------------------------------------------------------------------------------------------------

    @Test
    @Tag("postgresql")
    void r06CycleKilledMidBatchIsRedoneWithoutLossOrDuplicate() {
        Pair linked = newLinkedLead("r06-linked");
        String u = unique("r06");
        sync.pause();
        String a = vendors.create("leads", lead(u + "-a@example.com", "Alpha", "A"));
        String b = vendors.create("leads", lead(u + "-b@example.com", "Bravo", "B"));
        String c = vendors.create("leads", "{\"lastname\":\"Charlie\",\"subject\":\"no email\"}");
        // what a cycle killed after Marketo's create but before its commit leaves behind: a person carrying
        // the record's id and no link (R6, R10)
        long orphan = vendors.createPerson("{\"email\":\"" + u + "-b@example.com\",\"lastName\":\"Bravo\",\"msftId\":\"" + b + "\"}");
        vendors.updatePerson(linked.personId, "{\"title\":\"Changed during the outage\"}");
        // Marketo unavailable for longer than the connector retries (a budget of time, R6): every Marketo call
        // fails until the outage is over, so the first page dies mid-way and the cycle ends throttled (R6)
        vendors.fault("{\"system\":\"marketo\",\"status\":503,\"count\":1000000}");
        JsonObject failed = sync.resumeAndAwaitCycle();
        assertEquals("throttled", failed.getString("outcome"), "the cycle was killed by the fault: " + failed);
        // the outage ends; paused, so what the dead page left behind is what is checked, before any new cycle
        sync.pause();
        vendors.clearFaults();
        assertTrue(vendors.personsBy("email", u + "-a@example.com").isEmpty(), "nothing of the dead page was kept");
        assertEquals(List.of(), vendors.personsBy("msftId", c));
        assertEquals("Changed during the outage", person(linked.personId).getString("title"));
        assertEquals("Manager", vendors.row("leads", linked.leadId).orElseThrow().getString("jobtitle"),
                "the Marketo change waits: its cursor did not move");

        sync.resume();
        sync.nextCycle();
        JsonObject rerun = sync.nextCycle();
        assertEquals("finished", rerun.getString("outcome"));
        for (String id : List.of(a, b, c)) {
            assertEquals(1, vendors.personsBy("msftId", id).size(), "exactly one person for lead " + id);
        }
        assertEquals(orphan, vendors.personsBy("msftId", b).get(0).getJsonNumber("id").longValue(),
                "the half-done person is found again by msftId, not duplicated");
        assertEquals(1, vendors.personsBy("email", u + "-a@example.com").size());
        assertEquals(1, vendors.personsBy("email", u + "-b@example.com").size());
        long personA = vendors.personsBy("msftId", a).get(0).getJsonNumber("id").longValue();
        assertEquals("Alpha", person(personA).getString("lastName"));
        assertEquals(1, count(activities(personA), "created-in-marketo"));
        assertEquals("Changed during the outage", vendors.row("leads", linked.leadId).orElseThrow().getString("jobtitle"),
                "no change lost: the Marketo change arrived after the outage");
        assertEquals(1, count(activities(linked.personId), "updated-in-dynamics"));
    }

    @Test
    @Tag("postgresql")
    void r06bRefusedPagingTokensAreObtainedAgainFromTheKeptPositionAndNothingIsLost() {
        Pair pair = newLinkedLead("r06b");
        sync.pause();
        vendors.updatePerson(pair.personId, "{\"title\":\"Behind a refused token\"}");
        // twice in a row: the token the connector obtains again is refused too (docs/sync-rules.md R5)
        long refusedBefore = vendors.stats().getJsonObject("marketo").getJsonNumber("pagingTokensRefused").longValue();
        vendors.refusePagingTokens(2);
        JsonObject cycle = sync.resumeAndAwaitCycle();
        assertEquals("finished", cycle.getString("outcome"), "the feed read again from its kept position: " + cycle);
        assertEquals(2L, vendors.stats().getJsonObject("marketo").getJsonNumber("pagingTokensRefused").longValue()
                - refusedBefore, "both refusals were met");
        assertEquals("Behind a refused token", vendors.row("leads", pair.leadId).orElseThrow().getString("jobtitle"));
        assertEquals(1, count(activities(pair.personId), "updated-in-dynamics"), "read once, though the overlap read it twice");
    }

    // ---- R7, R8 and the echo check --------------------------------------------------------------------------

    @Test
    @Tag("postgresql")
    void r07aSameValueOnBothSidesWritesNothingAndBecomesTheSnapshot() {
        Pair pair = newLinkedContact("r07a");
        long before = lastActivityId(pair.personId);
        sync.pause();
        vendors.updatePerson(pair.personId, "{\"title\":\"Same Both\"}");
        vendors.update("contacts", pair.dynamicsId, "{\"jobtitle\":\"Same Both\"}");
        sync.resumeAndAwaitCycle();
        assertEquals(List.of(), typesSince(pair.personId, before), "M = D: nothing written, nothing logged");
        // the snapshot is now "Same Both": a Marketo-only change is a plain copy, not a collision (which Dynamics
        // would win for a contact)
        vendors.updatePerson(pair.personId, "{\"title\":\"Marketo After\"}");
        sync.nextCycle();
        assertEquals("Marketo After", vendors.row("contacts", pair.dynamicsId).orElseThrow().getString("jobtitle"));
        assertEquals(List.of("updated-in-dynamics"), typesSince(pair.personId, before));
    }

    @Test
    @Tag("postgresql")
    void r07bMarketoChangeIsWrittenToDynamicsOnlyTheChangedField() {
        Pair pair = newLinkedLead("r07b");
        long before = lastActivityId(pair.personId);
        vendors.updatePerson(pair.personId, "{\"firstName\":\"Renamed\"}");
        sync.nextCycle();
        JsonObject lead = vendors.row("leads", pair.leadId).orElseThrow();
        assertEquals("Renamed", lead.getString("firstname"));
        assertEquals("Manager", lead.getString("jobtitle"));
        assertEquals("Renamed", person(pair.personId).getString("firstName"));
        List<JsonObject> entries = since(pair.personId, before);
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("updated-in-dynamics", entries.get(0).getString("type"));
        assertEquals("to-dynamics", entries.get(0).getString("direction"));
        assertEquals(List.of("firstname"), strings(entries.get(0), "fields"), "only the changed field is sent");
    }

    @Test
    @Tag("postgresql")
    void r07cDynamicsChangeIsWrittenToMarketo() {
        Pair pair = newLinkedLead("r07c");
        long before = lastActivityId(pair.personId);
        vendors.update("leads", pair.leadId, "{\"companyname\":\"New Co\"}");
        sync.nextCycle();
        assertEquals("New Co", person(pair.personId).getString("company"));
        assertEquals("New Co", vendors.row("leads", pair.leadId).orElseThrow().getString("companyname"));
        List<JsonObject> entries = since(pair.personId, before);
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("updated-in-marketo", entries.get(0).getString("type"));
        assertEquals("to-marketo", entries.get(0).getString("direction"));
        assertEquals(List.of("company"), strings(entries.get(0), "fields"));
    }

    @Test
    @Tag("postgresql")
    void r07dChangesOnBothSidesToDifferentValuesAreACollision() {
        Pair pair = newLinkedLead("r07d");
        long before = lastActivityId(pair.personId);
        changeBothSides(pair, "leads", "Marketo Title", "Dynamics Title");
        List<JsonObject> collisions = since(pair.personId, before).stream()
                .filter(e -> e.getString("type").equals("collision")).toList();
        assertEquals(1, collisions.size(), "one collision entry: " + since(pair.personId, before));
        assertEquals(List.of("title"), strings(collisions.get(0), "fields"));
    }

    @Test
    void r07eEchoCheckAfterASyncTheNextCycleWritesNothing() {
        Pair pair = newLinkedLead("r07e");
        vendors.updatePerson(pair.personId, "{\"lastName\":\"Echo\"}");
        vendors.update("leads", pair.leadId, "{\"companyname\":\"Echo Co\"}");
        sync.nextCycle();
        JsonObject synced = sync.nextCycle(); // our own writes come back through both feeds here at the latest
        long before = lastActivityId(pair.personId);
        String modified = vendors.row("leads", pair.leadId).orElseThrow().getString("modifiedon");
        String updated = person(pair.personId).getString("updatedAt");
        JsonObject quiet = sync.cycleAfter(synced);
        JsonObject quieter = sync.cycleAfter(quiet);
        for (JsonObject cycle : List.of(quiet, quieter)) {
            assertEquals(0, cycle.getInt("writtenToMarketo"), "no ping-pong: " + cycle);
            assertEquals(0, cycle.getInt("writtenToDynamics"), "no ping-pong: " + cycle);
        }
        assertEquals(modified, vendors.row("leads", pair.leadId).orElseThrow().getString("modifiedon"));
        assertEquals(updated, person(pair.personId).getString("updatedAt"));
        assertEquals("Echo", vendors.row("leads", pair.leadId).orElseThrow().getString("lastname"));
        assertEquals("Echo Co", person(pair.personId).getString("company"));
        assertEquals(List.of(), typesSince(pair.personId, before));
    }

    @Test
    @Tag("postgresql")
    void r08LeadCollisionMarketoWinsAndIsLogged() {
        Pair pair = newLinkedLead("r08-lead");
        long before = lastActivityId(pair.personId);
        changeBothSides(pair, "leads", "From Marketo", "From Dynamics");
        assertEquals("From Marketo", person(pair.personId).getString("title"));
        assertEquals("From Marketo", vendors.row("leads", pair.leadId).orElseThrow().getString("jobtitle"));
        JsonObject collision = only(since(pair.personId, before), "collision");
        assertEquals("to-dynamics", collision.getString("direction"));
        String message = collision.getString("message");
        assertTrue(message.contains("From Marketo") && message.contains("From Dynamics") && message.contains("Marketo wins"), message);
        assertEquals(1, count(since(pair.personId, before), "updated-in-dynamics"));
    }

    @Test
    void r08ContactCollisionDynamicsWinsAndIsLogged() {
        Pair pair = newLinkedContact("r08-contact");
        long before = lastActivityId(pair.personId);
        changeBothSides(pair, "contacts", "From Marketo", "From Dynamics");
        assertEquals("From Dynamics", person(pair.personId).getString("title"));
        assertEquals("From Dynamics", vendors.row("contacts", pair.dynamicsId).orElseThrow().getString("jobtitle"));
        JsonObject collision = only(since(pair.personId, before), "collision");
        assertEquals("to-marketo", collision.getString("direction"));
        String message = collision.getString("message");
        assertTrue(message.contains("From Marketo") && message.contains("From Dynamics") && message.contains("Dynamics wins"), message);
        assertEquals(1, count(since(pair.personId, before), "updated-in-marketo"));
    }

    // ---- R9, R10, R11, R12 ----------------------------------------------------------------------------------

    @Test
    void r09FirstLinkFillsEmptySidesAndR8DecidesDifferentValues() {
        String email = unique("r09") + "@example.com";
        long personId = vendors.createPerson("{\"email\":\"" + email + "\",\"firstName\":\"Ann\",\"title\":\"CTO\"}");
        String leadId = vendors.create("leads", "{\"emailaddress1\":\"" + email + "\",\"lastname\":\"Lee\","
                + "\"subject\":\"r09\",\"companyname\":\"Acme\",\"jobtitle\":\"CEO\"}");
        sync.nextCycle();
        assertEquals(1, vendors.personsBy("email", email).size(), "linked, not duplicated");
        JsonObject person = person(personId);
        JsonObject lead = vendors.row("leads", leadId).orElseThrow();
        assertEquals(leadId, person.getString("msftId"));
        assertEquals("Lead", person.getString("msftType"));
        assertEquals("Acme", person.getString("company"), "empty in Marketo: takes Dynamics' value");
        assertEquals("Lee", person.getString("lastName"));
        assertEquals("Ann", lead.getString("firstname"), "empty in Dynamics: takes Marketo's value");
        assertEquals("CTO", lead.getString("jobtitle"), "both set and different: R8, Marketo wins for a lead");
        assertEquals("CTO", person.getString("title"));
        List<JsonObject> log = activities(personId);
        assertEquals(1, count(log, "collision"), log.toString());
        assertTrue(only(log, "collision").getString("message").contains("CEO"));
    }

    @Test
    @Tag("postgresql")
    void r10NewDynamicsRecordsBecomePersonsExactlyOnce() {
        String u = unique("r10");
        long existing = vendors.createPerson("{\"email\":\"" + u + "-existing@example.com\",\"firstName\":\"Pre\"}");
        String lead = vendors.create("leads", lead(u + "@example.com", "Newman", "N"));
        String noEmail = vendors.create("leads", "{\"lastname\":\"Nomail\",\"subject\":\"r10\"}");
        String contact = vendors.create("contacts", "{\"emailaddress1\":\"" + u + "-contact@example.com\",\"lastname\":\"Cole\"}");
        String toExisting = vendors.create("leads", lead(u + "-existing@example.com", "Existing", "E"));
        sync.nextCycle();
        sync.nextCycle(); // a re-run changes nothing
        JsonObject created = single(vendors.personsBy("msftId", lead));
        assertEquals(u + "@example.com", created.getString("email"));
        assertEquals("Newman", created.getString("lastName"));
        assertEquals("Lead", created.getString("msftType"));
        assertFalse(created.getBoolean("msftIsDeleted", true));
        assertEquals("Nomail", single(vendors.personsBy("msftId", noEmail)).getString("lastName"), "created and linked by id");
        assertEquals("Contact", single(vendors.personsBy("msftId", contact)).getString("msftType"));
        JsonObject linked = single(vendors.personsBy("email", u + "-existing@example.com"));
        assertEquals(existing, linked.getJsonNumber("id").longValue(), "an unlinked person with the email is linked, not duplicated");
        assertEquals(toExisting, linked.getString("msftId"));
        assertEquals("Pre", vendors.row("leads", toExisting).orElseThrow().getString("firstname"));
        long createdId = created.getJsonNumber("id").longValue();
        JsonObject entry = only(activities(createdId), "created-in-marketo");
        assertEquals("to-marketo", entry.getString("direction"));
        assertEquals(lead, entry.getString("dynamicsId"));
        assertEquals(0, count(activities(existing), "created-in-marketo"));
    }

    @Test
    void r11NewMarketoPersonIsNotCreatedInDynamics() {
        String email = unique("r11") + "@example.com";
        // paused, so no cycle reads the creation without the update: the cycle after the resume reads both
        sync.pause();
        long personId = vendors.createPerson("{\"email\":\"" + email + "\",\"lastName\":\"Only Marketo\"}");
        vendors.updatePerson(personId, "{\"title\":\"Still only Marketo\"}");
        JsonObject cycle = sync.resumeAndAwaitCycle();
        sync.nextCycle();
        assertTrue(cycle.getInt("pulledFromMarketo") >= 2, "the cycle saw the new person: " + cycle);
        assertEquals(List.of(), vendors.rowsByEmail("leads", email));
        assertEquals(List.of(), vendors.rowsByEmail("contacts", email));
        JsonObject person = person(personId);
        assertFalse(person.containsKey("msftId") && !person.isNull("msftId"), person.toString());
        assertEquals(List.of(), activities(personId));
    }

    @Test
    void r20ActivityEntriesAreAlsoPushedToMarketoAsCustomActivities() {
        Pair pair = newLinkedLead("r20");
        sync.nextCycle(); // entries are pushed at the end of a cycle, in batches
        List<JsonObject> pushed = vendors.customActivities(pair.personId, 100001);
        List<JsonObject> logged = activities(pair.personId);
        assertFalse(logged.isEmpty(), "the person has activity entries");
        assertEquals(logged.size(), pushed.size(), "each entry is pushed once: " + pushed);
        assertTrue(pushed.stream().anyMatch(a -> "created-in-marketo".equals(a.getString("primaryAttributeValue"))),
                pushed.toString());
        sync.nextCycle();
        assertEquals(pushed.size(), vendors.customActivities(pair.personId, 100001).size(), "never pushed twice");
    }

    @Test
    void r12SecondRecordWithALinkedPersonsEmailIsASyncError() {
        Pair pair = newLinkedLead("r12");
        String email = person(pair.personId).getString("email");
        String second = vendors.create("leads", lead(email, "Twin", "T"));
        SyncWatch.Mark mark = sync.mark();
        sync.cycleAfter(mark);
        sync.nextCycle();
        assertEquals(1, vendors.personsBy("email", email).size(), "nothing created");
        assertEquals(pair.leadId, person(pair.personId).getString("msftId"), "nothing re-linked");
        assertEquals(List.of(), vendors.personsBy("msftId", second));
        JsonObject failure = only(activities(pair.personId), "sync-failed");
        assertEquals("duplicate-email", failure.getString("errorCode"));
        assertTrue(failure.getString("message").contains(second) && failure.getString("message").contains(pair.leadId),
                "names both records: " + failure);
        JsonObject errors = http.getJson("api/sync/errors?since=" + mark.lastFinishedAt() + "&errorCode=duplicate-email");
        assertTrue(errors.toString().contains(second), errors.toString());
    }

    // ---- R13 ------------------------------------------------------------------------------------------------

    @Test
    void r13SyncFilterTruthTableAndTransitions() {
        String u = unique("r13");
        // truth table: null (not sent) and true sync, false does not. "Attribute does not exist" is a customer
        // schema the sandbox cannot take away; SyncFilterTest covers it and the engine only selects it when present.
        String absent = vendors.create("leads", lead(u + "-null@example.com", "Null", "N"));
        String yes = vendors.create("leads", withFilter(lead(u + "-true@example.com", "True", "T"), true));
        String no = vendors.create("leads", withFilter(lead(u + "-false@example.com", "False", "F"), false));
        sync.nextCycle();
        assertEquals(1, vendors.personsBy("msftId", absent).size());
        assertEquals(1, vendors.personsBy("msftId", yes).size());
        assertEquals(List.of(), vendors.personsBy("email", u + "-false@example.com"), "false: not synced");

        // true → false: filtered-out, updates stop both ways, the person stays
        long personId = single(vendors.personsBy("msftId", yes)).getJsonNumber("id").longValue();
        vendors.update("leads", yes, "{\"new_synctomkto\":false}");
        sync.nextCycle();
        assertEquals(1, count(activities(personId), "filtered-out"));
        assertTrue(sync.status().getJsonObject("links").getInt("filteredOut") >= 1);
        vendors.update("leads", yes, "{\"companyname\":\"Hidden Co\"}");
        vendors.updatePerson(personId, "{\"firstName\":\"Stale\"}");
        sync.nextCycle();
        sync.nextCycle();
        assertNotEquals("Hidden Co", person(personId).getString("company", null), "no update to Marketo");
        assertEquals("T", vendors.row("leads", yes).orElseThrow().getString("firstname"), "no update to Dynamics");
        assertTrue(person(personId).containsKey("email"), "the person is not deleted");

        // false → true on the filtered-out link: active again, Dynamics' change arrives
        vendors.update("leads", yes, "{\"new_synctomkto\":true}");
        sync.nextCycle();
        assertEquals(1, count(activities(personId), "filtered-in"));
        assertEquals("Hidden Co", person(personId).getString("company"));

        // false → true on a never-synced record: created in the next cycle
        vendors.update("leads", no, "{\"new_synctomkto\":true}");
        sync.nextCycle();
        JsonObject created = single(vendors.personsBy("msftId", no));
        assertEquals(u + "-false@example.com", created.getString("email"));
        assertEquals(1, count(activities(created.getJsonNumber("id").longValue()), "created-in-marketo"));
    }

    // ---- R14 ------------------------------------------------------------------------------------------------

    @Test
    @Tag("postgresql")
    void r14aRecordDeletedInDynamicsFlagsThePersonAndStops() {
        Pair pair = newLinkedLead("r14a");
        vendors.delete("leads", pair.leadId);
        sync.nextCycle();
        JsonObject person = person(pair.personId);
        assertTrue(person.getBoolean("msftIsDeleted"), "the person is kept, flagged: " + person);
        assertEquals(pair.leadId, person.getString("msftId"));
        JsonObject entry = only(activities(pair.personId), "deleted-in-dynamics");
        assertEquals("to-marketo", entry.getString("direction"));
        assertTrue(sync.status().getJsonObject("links").getInt("deletedInDynamics") >= 1);
        long before = lastActivityId(pair.personId);
        vendors.updatePerson(pair.personId, "{\"title\":\"After the delete\"}");
        sync.nextCycle();
        sync.nextCycle();
        assertEquals(List.of(), typesSince(pair.personId, before), "nothing more is written for it");
        assertTrue(vendors.row("leads", pair.leadId).isEmpty(), "not re-created");
    }

    @Test
    @Tag("postgresql")
    void r14bPersonDeletedInMarketoRemovesTheLinkOnly() {
        Pair pair = newLinkedLead("r14b");
        vendors.deletePerson(pair.personId);
        sync.nextCycle();
        assertTrue(vendors.row("leads", pair.leadId).isPresent(), "the lead is kept");
        assertEquals(1, count(activities(pair.personId), "deleted-in-marketo"), "the deleted person keeps its history");
        vendors.update("leads", pair.leadId, "{\"jobtitle\":\"Back again\"}");
        sync.nextCycle();
        JsonObject fresh = single(vendors.personsBy("msftId", pair.leadId));
        long freshId = fresh.getJsonNumber("id").longValue();
        assertNotEquals(pair.personId, freshId, "a new person, with a new id");
        assertEquals("Back again", fresh.getString("title"));
        assertEquals(1, count(activities(freshId), "created-in-marketo"));
        // R14's third case (flow action after a Dynamics delete) belongs to the flow-action tests
    }

    // ---- R16 ------------------------------------------------------------------------------------------------

    @Test
    void r16QualifiedLeadRelinksThePersonToTheContact() {
        Pair pair = newLinkedLead("r16");
        String contactId = vendors.qualify(pair.leadId);
        sync.nextCycle();
        JsonObject person = person(pair.personId);
        assertEquals("Contact", person.getString("msftType"));
        assertEquals(contactId, person.getString("msftId"));
        assertEquals(1, vendors.personsBy("email", person.getString("email")).size(), "no person for the contact");
        assertEquals(1, count(activities(pair.personId), "converted-to-contact"));
        String leadModified = vendors.row("leads", pair.leadId).orElseThrow().getString("modifiedon");
        // the contact now takes updates, the qualified lead never again; and Dynamics wins collisions (R8)
        vendors.updatePerson(pair.personId, "{\"title\":\"After qualify\"}");
        sync.nextCycle();
        assertEquals("After qualify", vendors.row("contacts", contactId).orElseThrow().getString("jobtitle"));
        assertEquals(leadModified, vendors.row("leads", pair.leadId).orElseThrow().getString("modifiedon"));
        changeBothSides(new Pair(contactId, contactId, pair.personId), "contacts", "M wins?", "D wins");
        assertEquals("D wins", person(pair.personId).getString("title"));
    }

    // ---- R17, R18, R19 --------------------------------------------------------------------------------------

    @Test
    void r17PreValidationFailsOneRecordAndTheOthersSync() {
        Pair bad = newLinkedLead("r17a-bad");
        Pair good = newLinkedLead("r17a-good");
        long before = lastActivityId(bad.personId);
        sync.pause();
        String tooLong = "L".repeat(60); // lastname's MaxLength is 50
        vendors.updatePerson(bad.personId, "{\"lastName\":\"" + tooLong + "\"}");
        vendors.updatePerson(good.personId, "{\"lastName\":\"Fine\"}");
        JsonObject cycle = sync.resumeAndAwaitCycle();
        assertEquals("finished", cycle.getString("outcome"));
        assertEquals("Fine", vendors.row("leads", good.leadId).orElseThrow().getString("lastname"), "the other record synced");
        assertEquals("Lastname", vendors.row("leads", bad.leadId).orElseThrow().getString("lastname"), "nothing sent");
        JsonObject failure = only(since(bad.personId, before), "sync-failed");
        assertEquals("to-dynamics", failure.getString("direction"));
        assertEquals("update", failure.getString("operation"));
        assertEquals(List.of("lastname"), strings(failure, "fields"));
        assertTrue(failure.getString("message").contains("lastname"), failure.toString());
        assertFalse(failure.getString("errorCode", "").isEmpty());
    }

    @Test
    void r17BusinessRuleRefusalFailsOneRecordAndTheOthersSync() {
        Pair bad = newLinkedLead("r17b-bad");
        Pair good = newLinkedLead("r17b-good");
        vendors.businessRule("{\"entity\":\"lead\",\"attribute\":\"telephone1\",\"rule\":\"regex:\\\\+?[0-9 ]+\"}");
        long before = lastActivityId(bad.personId);
        sync.pause();
        vendors.updatePerson(bad.personId, "{\"phone\":\"call me maybe\"}");
        vendors.updatePerson(good.personId, "{\"phone\":\"+44 20 7946 0000\"}");
        JsonObject cycle = sync.resumeAndAwaitCycle();
        assertEquals("finished", cycle.getString("outcome"));
        assertEquals("+44 20 7946 0000", vendors.row("leads", good.leadId).orElseThrow().getString("telephone1"));
        assertFalse("call me maybe".equals(vendors.row("leads", bad.leadId).orElseThrow().getString("telephone1", null)));
        JsonObject failure = only(since(bad.personId, before), "sync-failed");
        assertEquals("to-dynamics", failure.getString("direction"));
        assertEquals("0x80040265", failure.getString("errorCode"), failure.toString());
        assertTrue(failure.getString("message").contains("telephone1"), failure.toString());
    }

    @Test
    void r18MarketoRejectionIsLoggedAndTheOthersSync() {
        Pair bad = newLinkedLead("r18-bad");
        Pair good = newLinkedLead("r18-good");
        long before = lastActivityId(bad.personId);
        sync.pause();
        vendors.update("leads", bad.leadId, "{\"emailaddress1\":\"not an email\"}"); // Dynamics takes it, Marketo does not
        vendors.update("leads", good.leadId, "{\"companyname\":\"Accepted\"}");
        SyncWatch.Mark mark = sync.mark();
        sync.resume();
        assertEquals("finished", sync.cycleAfter(mark).getString("outcome"));
        assertEquals("Accepted", person(good.personId).getString("company"));
        assertTrue(person(bad.personId).getString("email").endsWith("@example.com"), "Marketo kept its value");
        JsonObject failure = only(since(bad.personId, before), "sync-failed");
        assertEquals("to-marketo", failure.getString("direction"));
        assertEquals("1003", failure.getString("errorCode"), failure.toString());
        assertTrue(http.getJson("api/sync/errors?direction=to-marketo&since=" + mark.lastFinishedAt()).toString().contains(bad.leadId));
    }

    @Test
    void r19PermanentFailureIsLoggedOncePerChangeNotOncePerCycle() {
        Pair bad = newLinkedLead("r19");
        long before = lastActivityId(bad.personId);
        vendors.updatePerson(bad.personId, "{\"lastName\":\"" + "X".repeat(70) + "\"}");
        JsonObject first = sync.nextCycle();
        JsonObject later = sync.cycleAfter(first);
        sync.cycleAfter(later);
        assertEquals(List.of("sync-failed"), typesSince(bad.personId, before), "once, however many cycles pass");
        vendors.updatePerson(bad.personId, "{\"lastName\":\"" + "Y".repeat(70) + "\"}");
        sync.nextCycle();
        sync.nextCycle();
        assertEquals(List.of("sync-failed", "sync-failed"), typesSince(bad.personId, before), "once more for the new change");
        vendors.updatePerson(bad.personId, "{\"lastName\":\"Valid\"}");
        sync.nextCycle();
        assertEquals("Valid", vendors.row("leads", bad.leadId).orElseThrow().getString("lastname"), "retried when it changed again");
    }

    // ---- R21 ------------------------------------------------------------------------------------------------

    @Test
    void r21aRateLimitStormIsPacedAndTheCycleFinishes() {
        Pair pair = newLinkedLead("r21a");
        long before = lastActivityId(pair.personId);
        sync.pause();
        vendors.update("leads", pair.leadId, "{\"companyname\":\"Through the storm\"}");
        vendors.fault("{\"system\":\"marketo\",\"marketoError\":\"606\",\"count\":4}");
        JsonObject cycle = sync.resumeAndAwaitCycle();
        assertEquals("finished", cycle.getString("outcome"), cycle.toString());
        assertEquals("Through the storm", person(pair.personId).getString("company"));
        assertEquals(List.of("updated-in-marketo"), typesSince(pair.personId, before));
        JsonObject calls = sync.status().getJsonObject("apiCalls").getJsonObject("marketo");
        assertTrue(calls.getInt("last20s") < 100, "paced below Marketo's 100 calls per 20 s: " + calls);
    }

    @Test
    void r21bDailyQuotaStopsTheCycleCleanlyAndHoldsOff() {
        Pair pair = newLinkedLead("r21b");
        long before = lastActivityId(pair.personId);
        sync.pause();
        vendors.update("leads", pair.leadId, "{\"companyname\":\"After the quota\"}");
        vendors.fault("{\"system\":\"marketo\",\"marketoError\":\"607\",\"count\":1}");
        JsonObject stopped = sync.resumeAndAwaitCycle();
        assertEquals("stopped-quota", stopped.getString("outcome"), stopped.toString());
        assertNotEquals("After the quota", person(pair.personId).getString("company", null), "nothing written");
        assertEquals(List.of(), typesSince(pair.personId, before), "nothing logged as done");
        Instant finished = Instant.parse(stopped.getString("finishedAt"));
        JsonObject scheduled = sync.awaitStatus("the timer to be set again after the stopped cycle",
                s -> !s.isNull("nextCycleAt") && Instant.parse(s.getString("nextCycleAt")).isAfter(finished));
        Duration hold = Duration.between(finished, Instant.parse(scheduled.getString("nextCycleAt")));
        assertTrue(hold.compareTo(Duration.ofSeconds(3)) >= 0, "no retry storm: the next cycle waits for the quota (" + hold + ")");
        JsonObject resumed = sync.cycleAfter(stopped);
        assertEquals("finished", resumed.getString("outcome"));
        assertEquals("After the quota", person(pair.personId).getString("company"), "the change waited, its cursor unmoved");
        assertEquals(List.of("updated-in-marketo"), typesSince(pair.personId, before));
    }

    // ---- R22 ------------------------------------------------------------------------------------------------

    @Test
    void r22OwnersBecomeSalesPersons_andALeadsOwnerChangeReachesItsPersonNextCycle() {
        String u = unique("r22");
        String ada = vendors.create("systemusers", "{\"firstname\":\"Ada\",\"lastname\":\"" + u + "\","
                + "\"internalemailaddress\":\"" + u + "-ada@corp.example\",\"address1_telephone1\":\"+44 1\",\"title\":\"Director\"}");
        String team = vendors.create("teams", "{\"name\":\"Team " + u + "\",\"emailaddress\":\"" + u + "-team@corp.example\"}");
        String leadJson = lead(u + "@example.com", "Owned", "Olive");
        String leadId = vendors.create("leads", leadJson.substring(0, leadJson.length() - 1)
                + ",\"ownerid@odata.bind\":\"/systemusers(" + ada + ")\"}");
        long personId = awaitPersonOf(leadId);

        JsonObject salesPerson = only(vendors.marketoGet("salespersons.json?filterType=dedupeFields&filterValues=" + ada)
                .getJsonArray("result").getValuesAs(JsonObject.class));
        assertEquals("Ada", salesPerson.getString("firstName"));
        assertEquals(u + "-ada@corp.example", salesPerson.getString("email"));
        assertEquals("+44 1", salesPerson.getString("phone"));
        assertEquals("Director", salesPerson.getString("title"));
        JsonObject owned = ownerFields(personId);
        assertEquals(ada, owned.getString("externalSalesPersonId"));
        assertEquals("Ada", owned.getString("leadOwnerFirstName"));
        assertEquals(u + "-ada@corp.example", owned.getString("leadOwnerEmail"));
        assertEquals("+44 1", owned.getString("leadOwnerPhone"));
        assertEquals("Director", owned.getString("leadOwnerJobTitle"));

        long mark = lastActivityId(personId);
        vendors.update("leads", leadId, "{\"ownerid@odata.bind\":\"/teams(" + team + ")\"}");
        sync.nextCycle();
        owned = ownerFields(personId);
        assertEquals(team, owned.getString("externalSalesPersonId"), "the owner change reached Marketo in the next cycle");
        assertEquals("Team " + u, owned.getString("leadOwnerLastName"));
        JsonObject updated = only(since(personId, mark), "updated-in-marketo");
        assertEquals("externalSalesPersonId", updated.getJsonArray("fields").getString(0));

        vendors.update("teams", team, "{\"name\":\"Renamed " + u + "\"}");
        sync.nextCycle();
        assertEquals("Renamed " + u, ownerFields(personId).getString("leadOwnerLastName"),
                "an owner's own change reaches its persons through the sales person");
        assertEquals(1, count(since(personId, mark), "updated-in-marketo"), "and writes no person");
    }

    // ---- R23 ------------------------------------------------------------------------------------------------

    @Test
    void r23ADeletedDynamicsColumnIsQuarantined_whileTheRestSyncs_andResumesWhenItIsBack() {
        Pair pair = newLinkedLead("r23");
        vendors.column("lead", "telephone1", false);
        try {
            vendors.update("leads", pair.leadId, "{\"firstname\":\"Schema changed\"}");
            sync.nextCycle();
            assertEquals("Schema changed", person(pair.personId).getString("firstName"), "the other fields sync on");
            JsonObject quarantined = only(sync.status().getJsonArray("quarantinedFields").getValuesAs(JsonObject.class));
            assertEquals("lead", quarantined.getString("entity"));
            assertEquals("telephone1", quarantined.getString("attribute"));
            assertEquals("phone", quarantined.getString("marketoField"));
            assertEquals("telephone1", only(http.getJson("api/fields").getJsonArray("quarantined")
                    .getValuesAs(JsonObject.class)).getString("attribute"), "field setup shows it too");
            vendors.updatePerson(pair.personId, "{\"lastName\":\"Still moving\"}");
            sync.nextCycle();
            assertEquals("Still moving", vendors.row("leads", pair.leadId).orElseThrow().getString("lastname"));
        } finally {
            vendors.column("lead", "telephone1", true);
        }
        sync.nextCycle();
        assertEquals(0, sync.status().getJsonArray("quarantinedFields").size(), "resumed once the column is back");
    }

    private JsonObject ownerFields(long personId) {
        return only(vendors.marketoGet("leads.json?filterType=id&filterValues=" + personId + "&fields=externalSalesPersonId,"
                + "leadOwnerFirstName,leadOwnerLastName,leadOwnerEmail,leadOwnerPhone,leadOwnerJobTitle")
                .getJsonArray("result").getValuesAs(JsonObject.class));
    }

    private static JsonObject only(List<JsonObject> rows) {
        assertEquals(1, rows.size(), "exactly one row: " + rows);
        return rows.get(0);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A linked pair: the Dynamics id (lead or contact), the lead id for a lead, and the person. */
    record Pair(String dynamicsId, String leadId, long personId) {
    }

    private Pair newLinkedLead(String tag) {
        String email = unique(tag) + "@example.com";
        String id = vendors.create("leads", lead(email, "Lastname", "First"));
        return new Pair(id, id, awaitPersonOf(id));
    }

    private Pair newLinkedContact(String tag) {
        String email = unique(tag) + "@example.com";
        String id = vendors.create("contacts", "{\"emailaddress1\":\"" + email + "\",\"lastname\":\"Lastname\","
                + "\"firstname\":\"First\",\"jobtitle\":\"Manager\"}");
        return new Pair(id, null, awaitPersonOf(id));
    }

    private long awaitPersonOf(String dynamicsId) {
        JsonObject cycle = sync.nextCycle();
        List<JsonObject> persons = vendors.personsBy("msftId", dynamicsId);
        assertEquals(1, persons.size(), "one person for record " + dynamicsId + " after the cycle " + cycle + ": " + persons);
        return persons.get(0).getJsonNumber("id").longValue();
    }

    /** Changes title on both sides between two cycles (the sync paused meanwhile) and waits for one cycle. */
    private void changeBothSides(Pair pair, String set, String marketoValue, String dynamicsValue) {
        sync.pause();
        vendors.updatePerson(pair.personId, "{\"title\":\"" + marketoValue + "\"}");
        vendors.update(set, pair.dynamicsId, "{\"jobtitle\":\"" + dynamicsValue + "\"}");
        sync.resumeAndAwaitCycle();
    }

    private static String lead(String email, String lastname, String firstname) {
        return "{\"emailaddress1\":\"" + email + "\",\"lastname\":\"" + lastname + "\",\"firstname\":\"" + firstname
                + "\",\"subject\":\"Rule test\",\"jobtitle\":\"Manager\"}";
    }

    private static String withFilter(String json, boolean value) {
        return json.substring(0, json.length() - 1) + ",\"new_synctomkto\":" + value + "}";
    }

    private static String unique(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonObject person(long id) {
        return vendors.person(id).orElseThrow(() -> new AssertionError("No Marketo person " + id));
    }

    private List<JsonObject> activities(long personId) {
        return http.getJson("api/persons/" + personId + "/activities?limit=200").getJsonArray("activities")
                .getValuesAs(JsonObject.class);
    }

    private long lastActivityId(long personId) {
        List<JsonObject> log = activities(personId);
        return log.isEmpty() ? 0 : log.get(0).getJsonNumber("id").longValue();
    }

    /** Entries after `afterId`, oldest first. */
    private List<JsonObject> since(long personId, long afterId) {
        List<JsonObject> newer = new java.util.ArrayList<>(activities(personId).stream()
                .filter(e -> e.getJsonNumber("id").longValue() > afterId).toList());
        java.util.Collections.reverse(newer);
        return newer;
    }

    private List<String> typesSince(long personId, long afterId) {
        return since(personId, afterId).stream().map(e -> e.getString("type")).toList();
    }

    private static long count(List<JsonObject> entries, String type) {
        return entries.stream().filter(e -> e.getString("type").equals(type)).count();
    }

    private static JsonObject only(List<JsonObject> entries, String type) {
        List<JsonObject> found = entries.stream().filter(e -> e.getString("type").equals(type)).toList();
        assertEquals(1, found.size(), "exactly one " + type + " entry in " + entries);
        return found.get(0);
    }

    private static JsonObject single(List<JsonObject> persons) {
        assertEquals(1, persons.size(), "exactly one person: " + persons);
        return persons.get(0);
    }

    private static List<String> strings(JsonObject entry, String key) {
        return entry.isNull(key) ? List.of() : entry.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }
}
