package org.leadsync.sync.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.PersonChange;
import org.leadsync.port.PersonChanges;
import org.leadsync.port.PersonUpdate;
import org.leadsync.port.RecordChanges;
import org.leadsync.port.RecordOutcome;
import org.leadsync.port.WriteOutcome;

/** The in-memory vendors keep the promises of the ports that the sync-rule tests rely on. */
class FakeVendorsTest {

    private final TickingClock clock = new TickingClock(Instant.parse("2025-03-03T08:00:00Z"));
    private final FakeMarketo marketo = new FakeMarketo(clock);
    private final FakeDynamics dynamics = new FakeDynamics();

    @Test
    void marketoFeed_startsNow_andReportsEveryWriteOfAnAskedForField_includingOurOwn() {
        long person = marketo.addPerson("email", "a@example.com");
        String cursor = marketo.startCursor(clock.instant());
        marketo.edit(person, "title", "CTO", "phone", "1");
        marketo.updatePersons(List.of(new PersonUpdate(person, Map.of("title", "CEO"))));
        marketo.updatePersons(List.of(new PersonUpdate(person, Map.of("title", "CEO")))); // no change, no activity

        PersonChanges page = marketo.readChanges(cursor, List.of("title"));

        assertEquals(List.of("CTO", "CEO"), page.changes().stream().map(c -> c.fields().get(0).newValue()).toList());
        assertTrue(page.changes().stream().allMatch(c -> c.kind() == PersonChange.Kind.CHANGED));
        assertFalse(page.moreWaiting());
        assertEquals(List.of(), marketo.readChanges(page.nextCursor(), List.of("title")).changes());
    }

    @Test
    void marketoFeed_pagesChanges_andReportsDeletionsOnceTheChangesAreDrained() {
        String cursor = marketo.startCursor(clock.instant());
        long first = marketo.addPerson("email", "a@example.com");
        marketo.addPerson("email", "b@example.com");
        marketo.deletePerson(first);
        marketo.pageSize(1);

        PersonChanges one = marketo.readChanges(cursor, List.of("email"));
        PersonChanges two = marketo.readChanges(one.nextCursor(), List.of("email"));

        assertTrue(one.moreWaiting());
        assertEquals(List.of(), one.deletedPersonIds());
        assertFalse(two.moreWaiting());
        assertEquals(List.of(first), two.deletedPersonIds());
    }

    @Test
    void marketoCreateOnly_isDeduplicatedOnMsftId_andUpdatesSkipUnknownPersonsAndBadValues() {
        List<RecordOutcome> created = marketo.createPersons(List.of(Map.of(CrmFields.ID, "abc"), Map.of(CrmFields.ID, "ABC")));
        assertEquals(RecordOutcome.Status.CREATED, created.get(0).status());
        assertEquals("1005", created.get(1).code());

        List<RecordOutcome> updated = marketo.updatePersons(List.of(new PersonUpdate(999, Map.of("title", "x")),
                new PersonUpdate(created.get(0).personId(), Map.of("email", "not an email"))));
        assertEquals("1004", updated.get(0).code());
        assertEquals("1003", updated.get(1).code());
        assertEquals(1, marketo.personCount());
    }

    @Test
    void dynamicsChangeTracking_fullReadThenDelta_withOurOwnWritesAndDeletions() {
        String kept = dynamics.insert(CrmEntity.LEAD, "lastname", "Kept", "subject", "s");
        String gone = dynamics.insert(CrmEntity.LEAD, "lastname", "Gone", "subject", "s");
        RecordChanges full = dynamics.changes(CrmEntity.LEAD, List.of("lastname"), null);
        assertEquals(2, full.changed().size());
        assertTrue(full.last());

        dynamics.write(List.of(DynamicsWrite.update(CrmEntity.LEAD, kept, Map.of("lastname", "Kept"))));
        dynamics.delete(CrmEntity.LEAD, gone);
        RecordChanges delta = dynamics.changes(CrmEntity.LEAD, List.of("lastname"), full.cursor());

        assertEquals(List.of(kept), delta.changed().stream().map(r -> r.id()).toList(), "a PATCH is a change, even to the same value");
        assertEquals(Map.of("lastname", "Kept"), delta.changed().get(0).attributes(), "only the selected attributes");
        assertEquals(List.of(gone), delta.deletedIds());
        assertEquals(List.of(), dynamics.changes(CrmEntity.LEAD, List.of("lastname"), delta.cursor()).changed());
    }

    @Test
    void dynamicsWrite_checksTheMetadataAndBusinessRules_recordByRecord() {
        String lead = dynamics.insert(CrmEntity.LEAD, "lastname", "L", "subject", "s");
        dynamics.businessRule(CrmEntity.LEAD, "telephone1", v -> v.toString().matches("[0-9 ]+"), "0x80040265", "telephone1: digits only");

        List<WriteOutcome> outcomes = dynamics.write(List.of(
                DynamicsWrite.update(CrmEntity.LEAD, lead, Map.of("lastname", "x".repeat(51))),
                DynamicsWrite.update(CrmEntity.LEAD, lead, Map.of("telephone1", "call me")),
                DynamicsWrite.update(CrmEntity.LEAD, lead, Map.of("nosuch", "x")),
                DynamicsWrite.update(CrmEntity.LEAD, "00000000-0000-0000-0000-000000000000", Map.of("lastname", "x")),
                DynamicsWrite.update(CrmEntity.LEAD, lead, Map.of("jobtitle", "Fine"))));

        assertEquals(List.of("max-length", "0x80040265", "unknown-attribute"),
                outcomes.subList(0, 3).stream().map(WriteOutcome::code).toList());
        assertEquals(WriteOutcome.Kind.NOT_FOUND, outcomes.get(3).kind());
        assertTrue(outcomes.get(4).succeeded());
        assertEquals("Fine", dynamics.value(CrmEntity.LEAD, lead, "jobtitle"));
        assertThrows(DynamicsValidationFailed.class, () -> dynamics.changes(CrmEntity.CONTACT, List.of("companyname"), null),
                "a $select of an attribute the table does not have is refused");
    }

    @Test
    void dynamicsQualify_closesTheLead_andCreatesAContactThatNamesIt() {
        String lead = dynamics.insert(CrmEntity.LEAD, "emailaddress1", "q@example.com", "lastname", "Q", "companyname", "Acme");

        String contact = dynamics.qualify(lead);

        assertEquals(1L, dynamics.value(CrmEntity.LEAD, lead, "statecode"));
        assertEquals(lead, dynamics.byIds(CrmEntity.CONTACT, List.of(contact), List.of("lastname")).get(0).originatingLeadId());
        assertEquals("q@example.com", dynamics.value(CrmEntity.CONTACT, contact, "emailaddress1"));
        assertTrue(dynamics.openByEmail(CrmEntity.LEAD, "q@example.com").isEmpty(), "a qualified lead is not open");
    }
}
