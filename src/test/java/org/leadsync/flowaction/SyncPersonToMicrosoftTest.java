package org.leadsync.flowaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.MarketoUnavailable;
import org.leadsync.sync.fake.FakeDynamics;
import org.leadsync.sync.fake.FakeMarketo;
import org.leadsync.sync.fake.InMemoryActivityLog;
import org.leadsync.sync.fake.InMemoryFieldMappings;
import org.leadsync.sync.fake.InMemoryLinks;
import org.leadsync.sync.fake.TickingClock;

/**
 * "Sync Person to Microsoft" (docs/sync-rules.md R15, docs/api.md Flow action) on in-memory fakes of the ports:
 * where the person's fields come from, what is created or linked, what the outcome is. The claim and the call row
 * are stood in for (their database behaviour is FlowActionCallsTest's and the Payara ITs').
 */
class SyncPersonToMicrosoftTest {

    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final FakeMarketo marketo = new FakeMarketo(clock);
    private final FakeDynamics dynamics = new FakeDynamics();
    private final InMemoryLinks links = new InMemoryLinks();
    private final InMemoryActivityLog log = new InMemoryActivityLog();
    /** The CRM fields each call left for the retrier's batch write, by person. */
    private final Map<Long, String> writeBacks = new HashMap<>();
    private final SyncPersonToMicrosoft flowAction = new SyncPersonToMicrosoft();
    private final FakeDynamicsActivities owners = new FakeDynamicsActivities();

    SyncPersonToMicrosoftTest() {
        FlowActionLinks flowLinks = new FlowActionLinks();
        flowLinks.links = links;
        flowLinks.activities = log;
        flowAction.marketo = marketo;
        flowAction.dynamics = dynamics;
        flowAction.owners = owners;
        flowAction.flowLinks = flowLinks;
        flowAction.mappings = InMemoryFieldMappings.defaults();
        flowAction.clock = clock;
        flowAction.leadDefaults = "subject=Marketo lead";
        flowAction.contactDefaults = Optional.empty();
        flowAction.claims = new FlowActionClaims() {
            @Override
            public void prepare(long personId, Instant now) {
            }

            @Override
            public <T> T whileHolding(long personId, Duration wait, Supplier<T> work) {
                return work.get();
            }
        };
        flowAction.calls = new FlowActionCalls() {
            @Override
            public boolean writeBackLater(long personId, CrmEntity entity, String recordId) {
                writeBacks.put(personId, entity.logicalName() + ":" + recordId);
                return true;
            }
        };
    }

    private SyncPersonResult call(SyncPersonRequest request) {
        return flowAction.sync(request, clock.instant().plusSeconds(25));
    }

    private static Map<String, String> payload(String email, String lastName) {
        Map<String, String> person = new HashMap<>();
        person.put("email", email);
        person.put("firstName", "Grace");
        person.put("lastName", lastName);
        person.put("company", "Navy");
        person.put("title", null); // an empty field arrives as null or ""
        person.put("phone", null);
        return person;
    }

    @Test
    void aPayloadWithEveryMappedFieldCreatesTheLeadWithoutReadingThePerson() {
        long person = marketo.addPerson("email", "grace@navy.example", "lastName", "Hopper");
        int reads = marketo.reads();
        int marketoWrites = marketo.updatesReceived().size();

        SyncPersonResult result = call(new SyncPersonRequest(person, CrmEntity.LEAD, null,
                payload("grace@navy.example", "Hopper (payload)")));

        assertEquals(SyncPersonResult.Outcome.CREATED, result.outcome());
        assertEquals(reads, marketo.reads(), "no Marketo read on the webhook's path");
        assertEquals(marketoWrites, marketo.updatesReceived().size(), "no Marketo write either: the CRM fields wait for the batch");
        assertEquals("Hopper (payload)", dynamics.value(CrmEntity.LEAD, result.dynamicsId(), "lastname"));
        assertEquals("Marketo lead", dynamics.value(CrmEntity.LEAD, result.dynamicsId(), "subject"), "R17's lead default");
        assertEquals("lead:" + result.dynamicsId(), writeBacks.get(person));
        RecordLink link = links.byPerson(person).orElseThrow();
        assertEquals(result.dynamicsId(), link.dynamicsId());
        assertEquals("Hopper (payload)", link.snapshotValues().get("lastName"), "the snapshot is what was sent");
        assertEquals(List.of("created-in-dynamics"), log.all().stream().map(e -> e.type()).toList());
    }

    @Test
    void aPayloadLackingAMappedFieldReadsThePersonAndUsesMarketosValues() {
        long person = marketo.addPerson("email", "ada@example.com", "lastName", "Lovelace", "company", "Engines");
        Map<String, String> partial = new HashMap<>(payload("ada@example.com", "From the payload"));
        partial.remove("phone");
        int reads = marketo.reads();

        SyncPersonResult result = call(new SyncPersonRequest(person, CrmEntity.LEAD, null, partial));

        assertEquals(SyncPersonResult.Outcome.CREATED, result.outcome());
        assertEquals(reads + 1, marketo.reads(), "one read of the person");
        assertEquals("Lovelace", dynamics.value(CrmEntity.LEAD, result.dynamicsId(), "lastname"), "Marketo's value, not the payload's");
    }

    @Test
    void anUnknownPersonIsNotFoundAndNothingIsWritten() {
        SyncPersonResult result = call(new SyncPersonRequest(424242, CrmEntity.LEAD, null));
        assertEquals(SyncPersonResult.Outcome.PERSON_NOT_FOUND, result.outcome());
        assertEquals(0, dynamics.count(CrmEntity.LEAD));
        assertTrue(writeBacks.isEmpty());
    }

    @Test
    void aLinkedPersonExistsAndAnOpenLeadWithItsEmailIsLinkedNotDuplicated() {
        String lead = dynamics.insert(CrmEntity.LEAD, "lastname", "Turing", "emailaddress1", "alan@example.com");
        long person = marketo.addPerson("email", "alan@example.com", "lastName", "Turing");

        SyncPersonResult first = call(new SyncPersonRequest(person, CrmEntity.LEAD, null));
        assertEquals(SyncPersonResult.Outcome.EXISTS, first.outcome());
        assertEquals(lead, first.dynamicsId());
        assertEquals(lead, links.byPerson(person).orElseThrow().dynamicsId(), "linked by email (R15 step 4)");
        assertEquals("lead:" + lead, writeBacks.get(person));

        SyncPersonResult again = call(new SyncPersonRequest(person, CrmEntity.LEAD, null, payload("alan@example.com", "Turing")));
        assertEquals(SyncPersonResult.Outcome.EXISTS, again.outcome());
        assertEquals(1, dynamics.count(CrmEntity.LEAD), "nothing created");
        assertEquals(0, dynamics.createCalls());
    }

    @Test
    void aDynamicsRefusalIsAFailureWithItsReasonAndNothingIsLinked() {
        dynamics.businessRule(CrmEntity.LEAD, "lastname", v -> v == null || !v.toString().startsWith("Intern"),
                "0x80040265", "Business rule failed: no interns");
        long person = marketo.addPerson("email", "intern@example.com", "lastName", "Intern Smith");

        SyncPersonResult result = call(new SyncPersonRequest(person, CrmEntity.LEAD, null));

        assertEquals(SyncPersonResult.Outcome.FAILED, result.outcome());
        assertEquals("0x80040265", result.errors().get(0).code());
        assertEquals("lastname", result.errors().get(0).field());
        assertTrue(links.byPerson(person).isEmpty());
        assertTrue(writeBacks.isEmpty());
    }

    @Test
    void marketoUnreachableIsUnavailableSoTheCallIsQueued() {
        long person = marketo.addPerson("email", "later@example.com", "lastName", "Later");
        marketo.failNext("findByIds", new MarketoUnavailable("604", "Request timed out", null));

        SyncPersonResult result = call(new SyncPersonRequest(person, CrmEntity.LEAD, null));

        assertEquals(SyncPersonResult.Outcome.UNAVAILABLE, result.outcome());
        assertEquals(0, dynamics.count(CrmEntity.LEAD));
        assertTrue(writeBacks.isEmpty());
    }

    @Test
    void assignToAUserByEmailOwnsTheNewLeadAndATeamIsAssignedAfterTheCreate() {
        org.leadsync.port.DynamicsOwner user = owners.addOwner(org.leadsync.port.DynamicsOwner.Kind.USER, "ann@contoso.example");
        org.leadsync.port.DynamicsOwner team = owners.addOwner(org.leadsync.port.DynamicsOwner.Kind.TEAM, "west@contoso.example");
        long first = marketo.addPerson("email", "one@example.com", "lastName", "One");
        SyncPersonResult byUser = call(new SyncPersonRequest(first, CrmEntity.LEAD, "ann@contoso.example"));
        assertEquals(SyncPersonResult.Outcome.CREATED, byUser.outcome());
        assertEquals(user.id(), dynamics.value(CrmEntity.LEAD, byUser.dynamicsId(), "ownerid"), "a user is bound on the create");
        assertTrue(owners.assigned.isEmpty());

        long second = marketo.addPerson("email", "two@example.com", "lastName", "Two");
        SyncPersonResult byTeam = call(new SyncPersonRequest(second, CrmEntity.LEAD, team.id()));
        assertEquals(SyncPersonResult.Outcome.CREATED, byTeam.outcome());
        assertEquals(team, owners.assigned.get("lead:" + byTeam.dynamicsId()), "a team is assigned the new lead");
    }

    @Test
    void anUnknownAssignToIsARefusalAndNothingIsCreated() {
        long person = marketo.addPerson("email", "three@example.com", "lastName", "Three");
        SyncPersonResult result = call(new SyncPersonRequest(person, CrmEntity.LEAD, "nobody@contoso.example"));
        assertEquals(SyncPersonResult.Outcome.FAILED, result.outcome());
        assertEquals("assignTo", result.errors().get(0).field());
        assertTrue(links.byPerson(person).isEmpty(), "no record, no link");
    }
}
