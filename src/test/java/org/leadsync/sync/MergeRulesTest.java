package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadsync.sync.SyncWorld.describe;
import static org.leadsync.sync.SyncWorld.only;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.PersonUpdate;
import org.leadsync.sync.SyncWorld.Pair;

/**
 * docs/sync-rules.md R7 (three-way merge, echo suppression), R8 (collisions) and R9 (first link), through whole
 * cycles on in-memory vendors. In the tables `-` means "that side is not edited" and `~` an empty value.
 */
class MergeRulesTest {

    private static final Map<String, String> ATTRIBUTE = Map.of("email", "emailaddress1", "firstName", "firstname",
            "lastName", "lastname", "company", "companyname", "title", "jobtitle", "phone", "telephone1");

    private final SyncWorld world = new SyncWorld();

    // ---- R7 ----------------------------------------------------------------------------------------------

    /** R7's four cases on `title`, whose snapshot is "Manager" on a freshly linked pair. */
    @ParameterizedTest(name = "[{index}] {0}: S=Manager M={1} D={2} -> both {3}, entries {4}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            # entity | Marketo user sets | Dynamics user sets | both sides end with | entries logged
            # M = D: nothing written, the value becomes the snapshot
            LEAD    | Same Both | Same Both | Same Both | ~
            CONTACT | Same Both | Same Both | Same Both | ~
            # M != S, D = S: Marketo's value is written to Dynamics
            LEAD    | Director  | -         | Director  | updated-in-dynamics
            CONTACT | Director  | -         | Director  | updated-in-dynamics
            LEAD    | ''        | -         | ~         | updated-in-dynamics
            # D != S, M = S: Dynamics' value is written to Marketo
            LEAD    | -         | VP        | VP        | updated-in-marketo
            CONTACT | -         | VP        | VP        | updated-in-marketo
            CONTACT | -         | ''        | ~         | updated-in-marketo
            # M != S, D != S, M != D: a collision (R8): Marketo wins for leads, Dynamics for contacts
            LEAD    | From M    | From D    | From M    | updated-in-dynamics collision
            CONTACT | From M    | From D    | From D    | updated-in-marketo collision
            """)
    void r07_threeWayMergePerField(CrmEntity entity, String marketoSets, String dynamicsSets, String agreed,
                                   String entries) {
        Pair pair = entity == CrmEntity.LEAD ? world.linkedLead("pat") : world.linkedContact("pat");
        assertEquals("Manager", world.snapshot(pair).get("title"));
        int mark = world.mark();
        int marketoWrites = world.marketo.updatesReceived().size();
        int dynamicsWrites = world.dynamics.writesReceived().size();
        if (!"-".equals(marketoSets)) {
            world.marketo.edit(pair.personId(), "title", marketoSets);
        }
        if (!"-".equals(dynamicsSets)) {
            world.dynamics.edit(entity, pair.dynamicsId(), "jobtitle", dynamicsSets);
        }

        world.sync();

        assertEquals(agreed, world.marketo.value(pair.personId(), "title"), "Marketo");
        assertEquals(agreed, world.dynamics.value(entity, pair.dynamicsId(), "jobtitle"), "Dynamics");
        assertEquals(agreed, world.snapshot(pair).get("title"), "snapshot");
        List<String> expected = entries == null ? List.of() : Arrays.asList(entries.split(" "));
        assertEquals(expected, world.typesSince(mark), describe(world.since(mark)));
        // R7: only the changed field is sent, and only to the side that must change
        List<DynamicsWrite> sentToDynamics = world.dynamics.writesReceived().subList(dynamicsWrites,
                world.dynamics.writesReceived().size());
        List<PersonUpdate> sentToMarketo = world.marketo.updatesReceived().subList(marketoWrites,
                world.marketo.updatesReceived().size());
        if (expected.contains("updated-in-dynamics")) {
            assertEquals(1, sentToDynamics.size());
            assertEquals(List.of("jobtitle"), List.copyOf(sentToDynamics.get(0).attributes().keySet()));
            assertEquals(List.of("jobtitle"), only(world.since(mark), "updated-in-dynamics").fieldList());
        } else {
            assertEquals(List.of(), sentToDynamics);
        }
        if (expected.contains("updated-in-marketo")) {
            assertEquals(1, sentToMarketo.size());
            assertEquals(List.of("title"), List.copyOf(sentToMarketo.get(0).fields().keySet()));
        } else {
            assertEquals(List.of(), sentToMarketo);
        }
    }

    @Test
    void r07_agreedValueIsTheNewSnapshot_soALaterOneSidedChangeIsACopyNotACollision() {
        Pair pair = world.linkedContact("sam");
        world.marketo.edit(pair.personId(), "title", "Same Both");
        world.dynamics.edit(CrmEntity.CONTACT, pair.dynamicsId(), "jobtitle", "Same Both");
        world.sync();
        int mark = world.mark();

        world.marketo.edit(pair.personId(), "title", "Marketo After");
        world.sync();

        // against the old snapshot "Manager" this would be a collision, which Dynamics wins for a contact
        assertEquals("Marketo After", world.dynamics.value(CrmEntity.CONTACT, pair.dynamicsId(), "jobtitle"));
        assertEquals(List.of("updated-in-dynamics"), world.typesSince(mark));
    }

    @ParameterizedTest(name = "[{index}] M={1} D={2} are the same {0}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            # R7's comparison: empty values are equal, numbers compare by value, date-times as instants
            text   | ''                       | ~
            number | 1.50                     | 1.5
            text   | 2025-03-01T10:00:00+0000 | 2025-03-01T10:00:00Z
            """)
    void r07_normalisedEqualValuesWriteNothing(String type, String marketoText, String dynamicsText) {
        Object marketoValue = "number".equals(type) ? new java.math.BigDecimal(marketoText) : marketoText;
        Object dynamicsValue = "number".equals(type) ? new java.math.BigDecimal(dynamicsText) : dynamicsText;
        Pair pair = world.linkedLead("norm");
        world.marketo.edit(pair.personId(), "phone", marketoValue);
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "telephone1", dynamicsValue);
        int mark = world.mark();
        int dynamicsWrites = world.dynamics.writesReceived().size();

        CycleRun run = world.sync();

        assertEquals(List.of(), world.typesSince(mark), describe(world.since(mark)));
        assertEquals(dynamicsWrites, world.dynamics.writesReceived().size());
        assertEquals(0, run.writtenToMarketo() + run.writtenToDynamics() + run.collisions());
    }

    /** R7 echo suppression: LeadSync's own writes come back through both feeds and write nothing. */
    @Test
    void r07_echo_afterASyncTheNextCyclesWriteNothing() {
        Pair pair = world.linkedLead("echo");
        world.marketo.edit(pair.personId(), "lastName", "Echo");
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "companyname", "Echo Co");
        int dynamicsReadsBefore = world.dynamics.reads();

        CycleRun synced = world.sync();

        assertEquals(1, synced.writtenToMarketo());
        assertEquals(1, synced.writtenToDynamics());
        // the Marketo feed of the same cycle saw the user's lastName change (merged already from the leads feed)
        // and the echo of our company write: both equal the snapshot, so it skipped them without reading Dynamics
        assertEquals(2, synced.pulledFromMarketo());
        assertEquals(dynamicsReadsBefore, world.dynamics.reads(), "the Marketo feed did not read Dynamics for an echo");
        int mark = world.mark();
        int marketoUpdates = world.marketo.updatesReceived().size();
        int marketoReads = world.marketo.reads();
        int dynamicsWrites = world.dynamics.writesReceived().size();
        int dynamicsReads = world.dynamics.reads();

        CycleRun quiet = world.sync();
        CycleRun quieter = world.sync();

        assertEquals(1, quiet.pulledFromDynamics(), "the echo of our lastname write came back through the leads feed");
        for (CycleRun run : List.of(quiet, quieter)) {
            assertEquals(0, run.writtenToMarketo(), "no ping-pong");
            assertEquals(0, run.writtenToDynamics(), "no ping-pong");
            assertEquals(0, run.collisions());
        }
        assertEquals(marketoUpdates, world.marketo.updatesReceived().size());
        assertEquals(dynamicsWrites, world.dynamics.writesReceived().size());
        assertEquals(marketoReads, world.marketo.reads(), "an echo is skipped without reading the other side");
        assertEquals(dynamicsReads, world.dynamics.reads(), "an echo is skipped without reading the other side");
        assertEquals(List.of(), world.typesSince(mark));
        assertEquals("Echo", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "lastname"));
        assertEquals("Echo Co", world.marketo.value(pair.personId(), "company"));
        assertEquals("Echo", world.snapshot(pair).get("lastName"));
        assertEquals("Echo Co", world.snapshot(pair).get("company"));
    }

    // ---- R8 ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}: {1} wins")
    @CsvSource(delimiter = '|', textBlock = """
            # entity | winner   | winning value | overwrite direction | overwrite entry
            LEAD     | Marketo  | From Marketo  | to-dynamics         | updated-in-dynamics
            CONTACT  | Dynamics | From Dynamics | to-marketo          | updated-in-marketo
            """)
    void r08_collision_marketoWinsForLeads_dynamicsWinsForContacts(CrmEntity entity, String winner, String winningValue,
                                                                  String direction, String overwrite) {
        Pair pair = entity == CrmEntity.LEAD ? world.linkedLead("col") : world.linkedContact("col");
        int mark = world.mark();
        world.marketo.edit(pair.personId(), "title", "From Marketo");
        world.dynamics.edit(entity, pair.dynamicsId(), "jobtitle", "From Dynamics");

        CycleRun run = world.sync();

        assertEquals(winningValue, world.marketo.value(pair.personId(), "title"));
        assertEquals(winningValue, world.dynamics.value(entity, pair.dynamicsId(), "jobtitle"));
        assertEquals(winningValue, world.snapshot(pair).get("title"));
        List<ActivityEntry> logged = world.since(mark);
        ActivityEntry collision = only(logged, "collision");
        assertEquals(direction, collision.direction());
        assertEquals("update", collision.operation());
        assertEquals("success", collision.outcome());
        assertEquals(List.of("title"), collision.fieldList(), "the Marketo field name");
        assertEquals(pair.personId(), collision.personId());
        assertEquals(pair.dynamicsId(), collision.dynamicsId());
        String message = collision.message();
        assertTrue(message.contains("From Marketo") && message.contains("From Dynamics")
                && message.contains(winner + " wins"), message);
        ActivityEntry overwritten = only(logged, overwrite);
        assertEquals(direction, overwritten.direction());
        assertEquals(2, logged.size(), describe(logged));
        assertEquals(1, run.collisions());
        world.sync();
        assertEquals(2, world.since(mark).size(), "the collision is not seen again");
    }

    // ---- R9 ----------------------------------------------------------------------------------------------

    /**
     * R9: an unlinked person with the new record's email is linked (R10) and every field is decided without a
     * snapshot: equal values agree, an empty side takes the other's value, two values collide (R8).
     */
    @ParameterizedTest(name = "[{index}] {0} {1}: M={2} D={3} -> both {4}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            # entity | field     | person has | record has | both end with | collision
            LEAD     | firstName | Ann        | ~          | Ann           | false
            LEAD     | lastName  | ~          | Lee        | Lee           | false
            LEAD     | company   | ~          | Acme       | Acme          | false
            LEAD     | title     | CTO        | CTO        | CTO           | false
            LEAD     | title     | CTO        | CEO        | CTO           | true
            LEAD     | phone     | ~          | ~          | ~             | false
            CONTACT  | firstName | Ann        | ~          | Ann           | false
            CONTACT  | title     | ~          | CEO        | CEO           | false
            CONTACT  | title     | CTO        | CEO        | CEO           | true
            """)
    void r09_firstLinkFillsEmptySidesAndCollidesOnDifferentValues(CrmEntity entity, String field, String personValue,
                                                                  String recordValue, String agreed, boolean collision) {
        world.sync(); // LeadSync is running before either side exists
        long personId = world.marketo.addPerson("email", "ann@example.com", field, personValue);
        String recordId = world.dynamics.insert(entity, "emailaddress1", "ann@example.com", "lastname", "Lee",
                ATTRIBUTE.get(field), recordValue);

        CycleRun run = world.sync();

        assertEquals(1, world.marketo.personCount(), "linked, not created");
        assertEquals(recordId, world.linkOf(personId).dynamicsId());
        assertEquals(agreed, world.marketo.value(personId, field), "Marketo");
        assertEquals(agreed, world.dynamics.value(entity, recordId, ATTRIBUTE.get(field)), "Dynamics");
        Map<String, String> snapshot = world.linkOf(personId).snapshotValues();
        assertTrue(snapshot.containsKey(field), "the field is agreed now");
        assertEquals(agreed, snapshot.get(field));
        assertEquals(collision ? 1 : 0, world.entriesOfType("collision").size(), describe(world.entries(personId)));
        assertEquals(collision ? 1 : 0, run.collisions());
        assertEquals(List.of(), world.entriesOfType("created-in-marketo"));
    }

    @Test
    void r09_firstLinkWritesTheCrmFieldsAndAgreesEveryMappedField() {
        world.sync();
        long personId = world.marketo.addPerson("email", "kim@example.com", "firstName", "Kim", "title", "CTO");
        String leadId = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "kim@example.com", "lastname", "Lee",
                "companyname", "Acme", "jobtitle", "CEO", "subject", "Demo request");

        world.sync();

        Map<String, Object> person = world.marketo.person(personId);
        assertEquals("Lead", person.get(CrmFields.TYPE));
        assertEquals(leadId, person.get(CrmFields.ID));
        assertEquals(Boolean.FALSE, person.get(CrmFields.DELETED));
        assertEquals(Map.of("email", "kim@example.com", "firstName", "Kim", "lastName", "Lee", "company", "Acme",
                "title", "CTO"), withoutNulls(world.linkOf(personId).snapshotValues()));
        assertTrue(world.linkOf(personId).snapshotValues().containsKey("phone"), "an empty value is agreed too");
        assertEquals("Kim", world.dynamics.value(CrmEntity.LEAD, leadId, "firstname"));
        assertEquals("Acme", person.get("company"));
        assertTrue(only(world.entries(personId), "collision").message().contains("CEO"));
        assertFalse(world.entries(personId).stream().anyMatch(e -> "failed".equals(e.outcome())));
        assertNull(person.get("phone"));
    }

    private static Map<String, String> withoutNulls(Map<String, String> values) {
        Map<String, String> copy = new java.util.HashMap<>(values);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
