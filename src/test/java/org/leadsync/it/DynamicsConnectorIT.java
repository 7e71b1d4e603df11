package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leadsync.dynamics.DynamicsConnector;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsConflict;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.RecordChanges;
import org.leadsync.port.WriteOutcome;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.SeedRequest;
import org.leadsync.sandbox.dynamics.BusinessRule;
import org.leadsync.sandbox.dynamics.DynamicsStore;
import org.leadsync.sandbox.dynamics.SandboxTokens;

/** The connector inside Payara, against the sandbox over real loopback HTTP (issue 4, connector tests). */
@ExtendWith(ArquillianExtension.class)
class DynamicsConnectorIT {

    private static final Logger LOG = Logger.getLogger(DynamicsConnectorIT.class.getName());

    @Deployment
    static WebArchive deployment() {
        return LeadSyncWar.build().addClass(DynamicsConnectorIT.class);
    }

    @Inject
    DynamicsConnector dynamics;

    @Inject
    DynamicsStore sandbox;

    @Inject
    FaultPlan faults;

    @Inject
    SandboxTokens tokens;

    @BeforeEach
    void emptySandbox() {
        sandbox.reset();
        faults.clear();
    }

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
        return (Long) sandbox.stats().get("callsTotal");
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
        assertEquals(1000, ((Map<?, ?>) sandbox.stats().get("rows")).get("leads"));
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
        sandbox.seed(new SeedRequest(12_000, 0, 0, 0.0, 7L));
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
        sandbox.addRule(new BusinessRule("lead", "companyname", "required"));
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
        assertEquals(3, ((Map<?, ?>) sandbox.stats().get("rows")).get("leads"));
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
        Map<?, ?> calls = (Map<?, ?>) sandbox.stats().get("calls");
        long tokensBefore = calls.containsKey("POST token") ? (Long) calls.get("POST token") : 0;
        tokens.expireAll();
        assertEquals(1, dynamics.byIds(CrmEntity.LEAD, List.of(id), null).size());
        assertEquals(tokensBefore + 1, ((Map<?, ?>) sandbox.stats().get("calls")).get("POST token"));
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
