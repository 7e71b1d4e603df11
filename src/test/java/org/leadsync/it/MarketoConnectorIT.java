package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leadsync.marketo.MarketoConnector;
import org.leadsync.marketo.SyncAction;
import org.leadsync.port.CustomActivity;
import org.leadsync.port.MarketoFieldInfo;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoQuotaExceeded;
import org.leadsync.port.PersonChange;
import org.leadsync.port.PersonChanges;
import org.leadsync.port.RecordOutcome;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.marketo.MarketoSandbox;

/**
 * The Marketo connector inside Payara, talking to the app's own Marketo sandbox over real loopback
 * HTTP: batching, the change feed, token expiry, retries, the quota stop and per-record skips.
 */
@ExtendWith(ArquillianExtension.class)
class MarketoConnectorIT {

    @Deployment
    static WebArchive deployment() {
        return LeadSyncWar.build().addClass(MarketoConnectorIT.class);
    }

    @Inject
    MarketoConnector connector;

    @Inject
    MarketoSandbox sandbox;

    @Inject
    FaultPlan faults;

    @BeforeEach
    void reset() {
        faults.clear();
        sandbox.reset();
        connector.describe(); // a cached token, so faults armed by a test hit the call under test
        sandbox.reset();
    }

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
        Map<String, Long> byEndpoint = (Map<String, Long>) sandbox.stats().get("callsByEndpoint");
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
        assertEquals(1000, sandbox.stats().get("persons"));
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
        sandbox.expireTokens();
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
        assertEquals(10, sandbox.stats().get("persons"));
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
        assertEquals(0, sandbox.stats().get("persons"));
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
}
