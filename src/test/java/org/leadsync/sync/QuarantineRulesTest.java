package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadsync.sync.SyncWorld.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.fields.QuarantinedField;
import org.leadsync.port.CrmEntity;
import org.leadsync.sync.SyncWorld.Pair;

/** docs/sync-rules.md R23: a mapped Dynamics attribute deleted or renamed stops only its own field. */
class QuarantineRulesTest {

    private final SyncWorld world = new SyncWorld();

    @Test
    void r23_aDeletedAttribute_isQuarantinedAndLoggedOnce_whileTheOtherFieldsSyncOn() {
        Pair pair = world.linkedLead("schema");
        world.dynamics.dropAttribute(CrmEntity.LEAD, "jobtitle");
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "firstname", "Still syncing");

        CycleRun run = world.cycle();

        assertEquals("finished", run.outcome(), run.message());
        assertEquals("Still syncing", world.marketo.value(pair.personId(), "firstName"));
        QuarantinedField quarantined = world.quarantine.current().get(0);
        assertEquals(List.of("lead/jobtitle/title"), world.quarantine.current().stream()
                .map(q -> q.entity() + "/" + q.attribute() + "/" + q.marketoField()).toList());
        assertTrue(quarantined.reason().contains("jobtitle"), quarantined.reason());
        ActivityEntry logged = only(world.entriesOfType("field-quarantined"), "field-quarantined");
        assertEquals(List.of("title"), logged.fieldList());
        assertEquals("lead", logged.entity());

        // a Marketo edit of the quarantined field goes nowhere; other fields move both ways; nothing is logged again
        world.marketo.edit(pair.personId(), "title", "Not to Dynamics", "lastName", "Moved");
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "telephone1", "+1 555");
        world.sync();
        world.sync();
        assertEquals("Moved", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "lastname"));
        assertEquals("+1 555", world.marketo.value(pair.personId(), "phone"));
        assertEquals(1, world.entriesOfType("field-quarantined").size());
        assertTrue(world.dynamics.writesReceived().stream().noneMatch(w -> w.attributes().containsKey("jobtitle")));
    }

    @Test
    void r23_whenTheAttributeIsBack_theFieldResumes_markedForTheFillOfR2() {
        Pair pair = world.linkedLead("back");
        world.dynamics.dropAttribute(CrmEntity.LEAD, "jobtitle");
        world.sync();
        assertEquals(1, world.quarantine.current().size());

        world.dynamics.restoreAttribute(CrmEntity.LEAD, "jobtitle");
        world.sync();

        assertEquals(List.of(), world.quarantine.current());
        ActivityEntry resumed = only(world.entriesOfType("field-resumed"), "field-resumed");
        assertEquals(List.of("title"), resumed.fieldList());
        assertTrue(world.mappings.current().stream().filter(m -> m.marketoField().equals("title")).findFirst()
                .orElseThrow().backfillPending(), "the fill decides its first value again (R2)");
        assertTrue(!world.snapshot(pair).containsKey("title"), "its snapshots were dropped");
        assertEquals("Fay", world.snapshot(pair).get("firstName"), "the other fields keep theirs");
    }

    @Test
    void r23_anAttributeThatIsNotMapped_changesNothing_andARefusalForAnotherReasonStillFailsTheCycle() {
        Pair pair = world.linkedLead("unmapped");
        world.dynamics.dropAttribute(CrmEntity.LEAD, "companyname");
        world.mappings.replace(List.of(
                new org.leadsync.fields.MappingLine("email", "emailaddress1", "emailaddress1"),
                new org.leadsync.fields.MappingLine("firstName", "firstname", "firstname")));
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "firstname", "Fine");
        world.sync();
        assertEquals("Fine", world.marketo.value(pair.personId(), "firstName"));
        assertEquals(List.of(), world.quarantine.current());
    }
}
