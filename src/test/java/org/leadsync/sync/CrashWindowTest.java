package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadsync.port.CrmEntity;

/**
 * docs/sync-rules.md R6, write-ahead intents: the process dies after a vendor write and before the commit
 * that records it, the user edits the same field again while LeadSync is down, and the next cycle must
 * take the new edit: no lost value, no spurious collision. Every direction, for leads and contacts (whose
 * collision winners differ, R8).
 */
class CrashWindowTest {

    static List<Arguments> windows() {
        return List.of(
                Arguments.of(CrmEntity.LEAD, Side.DYNAMICS),
                Arguments.of(CrmEntity.LEAD, Side.MARKETO),
                Arguments.of(CrmEntity.CONTACT, Side.DYNAMICS),
                Arguments.of(CrmEntity.CONTACT, Side.MARKETO));
    }

    /** `editedOn`: the side the user edits twice; LeadSync copies the first edit to the other side, then dies. */
    @ParameterizedTest(name = "{0}, edited in {1}")
    @MethodSource("windows")
    void aKillBetweenTheWriteAndItsCommitLosesNoLaterEditAndInventsNoCollision(CrmEntity entity, Side editedOn) {
        SyncWorld world = new SyncWorld();
        SyncWorld.Pair pair = entity == CrmEntity.LEAD ? world.linkedLead("crash") : world.linkedContact("crash");
        edit(world, pair, editedOn, "First edit");
        world.crashAfterNextWrite();
        assertNotEquals("finished", world.cycle().outcome(), "the page with the write died before its commit");
        assertEquals("First edit", value(world, pair, editedOn == Side.DYNAMICS ? Side.MARKETO : Side.DYNAMICS),
                "the write itself reached the other side");

        edit(world, pair, editedOn, "Second edit"); // while LeadSync is down
        int mark = world.mark();
        world.sync();
        world.sync();

        assertEquals("Second edit", value(world, pair, Side.MARKETO), "Marketo has the newest edit");
        assertEquals("Second edit", value(world, pair, Side.DYNAMICS), "Dynamics has the newest edit");
        assertEquals("Second edit", world.snapshot(pair).get("title"));
        assertEquals(List.of(), world.since(mark).stream().filter(e -> e.type().equals("collision")).toList(),
                "LeadSync's own write is no user edit: no collision");
        assertEquals(0, world.intents.size(), "the committed pages cleared every intent");
    }

    private static void edit(SyncWorld world, SyncWorld.Pair pair, Side side, String title) {
        if (side == Side.MARKETO) {
            world.marketo.edit(pair.personId(), "title", title);
        } else {
            world.dynamics.edit(pair.entity(), pair.dynamicsId(), "jobtitle", title);
        }
    }

    private static Object value(SyncWorld world, SyncWorld.Pair pair, Side side) {
        return side == Side.MARKETO ? world.marketo.value(pair.personId(), "title")
                : world.dynamics.value(pair.entity(), pair.dynamicsId(), "jobtitle");
    }
}
