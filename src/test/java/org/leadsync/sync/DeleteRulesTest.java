package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadsync.sync.SyncWorld.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.link.LinkState;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.sync.SyncWorld.Pair;

/** docs/sync-rules.md R14: deletes are not mirrored. */
class DeleteRulesTest {

    private final SyncWorld world = new SyncWorld();

    @ParameterizedTest(name = "[{index}] {0} with an {1} link")
    @CsvSource(textBlock = """
            LEAD,    ACTIVE
            LEAD,    FILTERED_OUT
            CONTACT, ACTIVE
            CONTACT, FILTERED_OUT
            """)
    void r14_recordDeletedInDynamics_flagsThePersonAndStops(CrmEntity entity, LinkState before) {
        Pair pair = entity == CrmEntity.LEAD ? world.linkedLead("gone") : world.linkedContact("gone");
        if (before == LinkState.FILTERED_OUT) {
            world.dynamics.edit(entity, pair.dynamicsId(), SyncFilter.ATTRIBUTE, false);
            world.sync();
            assertEquals(LinkState.FILTERED_OUT, world.linkOf(pair.personId()).state());
        }
        int mark = world.mark();

        world.dynamics.delete(entity, pair.dynamicsId());
        world.sync();

        assertEquals(LinkState.DELETED_IN_DYNAMICS, world.linkOf(pair.personId()).state());
        assertNotNull(world.marketo.person(pair.personId()), "the person is not deleted");
        assertEquals(Boolean.TRUE, world.marketo.value(pair.personId(), CrmFields.DELETED));
        assertEquals(pair.dynamicsId(), world.marketo.value(pair.personId(), CrmFields.ID));
        ActivityEntry entry = only(world.since(mark), "deleted-in-dynamics");
        assertEquals("success", entry.outcome());
        assertEquals("to-marketo", entry.direction());
        assertEquals(List.of(CrmFields.DELETED), entry.fieldList());
        assertEquals(pair.dynamicsId(), entry.dynamicsId());

        // nothing more is written for the link; later changes on the Marketo side are ignored
        mark = world.mark();
        int marketoWrites = world.marketo.updatesReceived().size();
        world.marketo.edit(pair.personId(), "title", "After the delete");
        world.sync();
        world.sync();
        assertEquals(List.of(), world.typesSince(mark));
        assertEquals(marketoWrites, world.marketo.updatesReceived().size());
        assertFalse(world.dynamics.exists(entity, pair.dynamicsId()), "not re-created");
        assertEquals(0, world.dynamics.createCalls());
        assertEquals(List.of(), world.dynamics.writesReceived());
    }

    /** R14: later changes on either side are ignored, even when an admin restores the record with its id. */
    @Test
    void r14_afterADynamicsDelete_laterChangesOnEitherSideAreIgnored_evenIfTheRecordIsRestored() {
        Pair pair = world.linkedLead("restored");
        world.dynamics.delete(CrmEntity.LEAD, pair.dynamicsId());
        world.sync();
        int mark = world.mark();
        int marketoWrites = world.marketo.updatesReceived().size();

        world.dynamics.restore(CrmEntity.LEAD, pair.dynamicsId());
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "companyname", "Restored Co");
        world.marketo.edit(pair.personId(), "title", "Marketo after the delete");
        world.sync();
        world.sync();

        assertEquals(LinkState.DELETED_IN_DYNAMICS, world.linkOf(pair.personId()).state());
        assertEquals("Acme", world.marketo.value(pair.personId(), "company"), "nothing moves to Marketo");
        assertEquals("Manager", world.dynamics.value(CrmEntity.LEAD, pair.dynamicsId(), "jobtitle"), "nothing moves to Dynamics");
        assertEquals(marketoWrites, world.marketo.updatesReceived().size());
        assertEquals(List.of(), world.dynamics.writesReceived());
        assertEquals(List.of(), world.typesSince(mark));
        assertEquals(1, world.marketo.personCount(), "no second person for the restored record");
    }

    /** R14 + R18: the flag update is skipped (the person is gone too); the link changes state all the same. */
    @Test
    void r14_deletedInDynamics_flagSkippedByMarketo_isLoggedFailed() {
        Pair pair = world.linkedLead("both");
        world.dynamics.delete(CrmEntity.LEAD, pair.dynamicsId());
        world.marketo.deletePerson(pair.personId());
        int mark = world.mark();

        CycleRun run = world.sync();

        ActivityEntry entry = only(world.since(mark), "deleted-in-dynamics");
        assertEquals("failed", entry.outcome());
        assertEquals("1004", entry.errorCode());
        assertEquals(1, run.failed());
        // the Marketo feed of the same cycle then removes the link of the deleted person
        assertEquals("success", only(world.since(mark), "deleted-in-marketo").outcome());
        assertNull(world.linkOf(pair.personId()));
    }

    @Test
    void r14_deletedRecordWithoutLink_isIgnored() {
        world.sync();
        String lead = world.dynamics.insert(CrmEntity.LEAD, "emailaddress1", "brief@example.com", "subject", "Web");
        world.dynamics.delete(CrmEntity.LEAD, lead);

        CycleRun run = world.sync();

        assertEquals(1, run.pulledFromDynamics(), "the feed reported the deletion");
        assertEquals(0, world.marketo.personCount());
        assertEquals(List.of(), world.log.all());
        assertEquals(List.of(), world.marketo.updatesReceived());
    }

    @Test
    void r14_personDeletedInMarketo_removesTheLinkOnly() {
        Pair pair = world.linkedLead("left");
        int mark = world.mark();

        world.marketo.deletePerson(pair.personId());
        world.sync();

        assertNull(world.linkOf(pair.personId()), "the link and its snapshots are removed");
        assertNull(world.linkOfRecord(pair.dynamicsId()));
        assertTrue(world.dynamics.exists(CrmEntity.LEAD, pair.dynamicsId()), "the lead is kept");
        assertEquals(0, world.dynamics.updatesOf(CrmEntity.LEAD, pair.dynamicsId()), "the lead is not touched");
        ActivityEntry entry = only(world.since(mark), "deleted-in-marketo");
        assertEquals(pair.personId(), entry.personId(), "logged under the deleted person's id");
        assertEquals("success", entry.outcome());
        assertEquals(pair.dynamicsId(), entry.dynamicsId());
        assertEquals(List.of("deleted-in-marketo"), world.typesSince(mark));

        // a later change of the record goes through R10: a new person, with a new id
        world.dynamics.edit(CrmEntity.LEAD, pair.dynamicsId(), "jobtitle", "Back again");
        world.sync();
        List<Long> fresh = world.marketo.idsWhere(CrmFields.ID, pair.dynamicsId());
        assertEquals(1, fresh.size());
        assertNotEquals(pair.personId(), fresh.get(0));
        assertEquals("Back again", world.marketo.value(fresh.get(0), "title"));
        assertEquals(pair.dynamicsId(), world.linkOf(fresh.get(0)).dynamicsId());
        assertEquals("success", only(world.entries(fresh.get(0)), "created-in-marketo").outcome());
    }

    /** R5: deletions are read once per cycle; a backlog larger than a page waits for the next cycles. */
    @Test
    void r05_deletionsAreReadOncePerCycle_aBacklogWaitsForTheNextCycle() {
        Pair a = world.linkedLead("del-a");
        Pair b = world.linkedLead("del-b");
        world.marketo.pageSize(1);
        world.marketo.deletePerson(a.personId());
        world.marketo.deletePerson(b.personId());
        int reads = world.marketo.changeReads();

        world.sync();

        assertEquals(reads + 1, world.marketo.changeReads(), "one page read: the changes drained, one deletions read");
        assertNull(world.linkOf(a.personId()), "the first deletion is read");
        assertNotNull(world.linkOf(b.personId()), "the second waits for the next cycle");
        world.sync();
        assertNull(world.linkOf(b.personId()));
    }
}
