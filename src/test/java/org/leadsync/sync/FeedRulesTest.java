package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.PersonUpdate;
import org.leadsync.sync.SyncWorld.Pair;

/** docs/sync-rules.md R5: what a feed does when Dynamics refuses its stored change-tracking link. */
class FeedRulesTest {

    private final SyncWorld world = new SyncWorld();

    @Test
    void r05_anExpiredDeltaLinkLeadsToAFullReadComparedAgainstSnapshots_nothingLostNothingWrittenTwice() {
        Pair edited = world.linkedLead("edited");
        Pair untouched = world.linkedLead("untouched");
        Pair contact = world.linkedContact("contact");
        world.sync(); // every feed now follows a delta link

        world.dynamics.edit(CrmEntity.LEAD, edited.dynamicsId(), "jobtitle", "Changed while the link expired");
        world.dynamics.expireDeltaLinks();
        int marketoWrites = world.marketo.updatesReceived().size();
        int dynamicsWrites = world.dynamics.writesReceived().size();
        int mark = world.mark();

        world.sync(); // the refused links are replaced by a full read of both tables

        assertEquals("Changed while the link expired", world.marketo.value(edited.personId(), "title"), "nothing lost");
        List<PersonUpdate> sent = world.marketo.updatesReceived().subList(marketoWrites, world.marketo.updatesReceived().size());
        assertEquals(List.of(edited.personId()), sent.stream().map(PersonUpdate::personId).toList(),
                "the full read wrote only the record that differs from its snapshot: " + sent);
        assertEquals(dynamicsWrites, world.dynamics.writesReceived().size(), "nothing echoed back to Dynamics");
        assertEquals(List.of("updated-in-marketo"), world.typesSince(mark));

        // the new delta link works: a later change arrives through it, and a quiet cycle writes nothing
        world.dynamics.edit(CrmEntity.CONTACT, contact.dynamicsId(), "jobtitle", "After the full read");
        world.sync();
        assertEquals("After the full read", world.marketo.value(contact.personId(), "title"));
        int quiet = world.marketo.updatesReceived().size();
        world.sync();
        assertEquals(quiet, world.marketo.updatesReceived().size());
    }
}
