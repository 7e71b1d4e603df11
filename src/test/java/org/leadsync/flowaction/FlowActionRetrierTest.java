package org.leadsync.flowaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadsync.link.LinkState;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.PersonUpdate;
import org.leadsync.sync.fake.FakeMarketo;
import org.leadsync.sync.fake.InMemoryLinks;
import org.leadsync.sync.fake.TickingClock;

/**
 * The retrier's write-back of R1's CRM fields (docs/sync-rules.md R15): only for links that still name the
 * record the call created; a link that moved on (deleted, converted) or never made is left to the cycle.
 */
class FlowActionRetrierTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final FakeMarketo marketo = new FakeMarketo(new TickingClock(T0));
    private final InMemoryLinks links = new InMemoryLinks();
    private final List<FlowActionCall> due = new ArrayList<>();
    private final List<FlowActionCall> written = new ArrayList<>();
    private final FlowActionRetrier retrier = new FlowActionRetrier();

    FlowActionRetrierTest() {
        FlowActionLinks flowLinks = new FlowActionLinks();
        flowLinks.links = links;
        retrier.links = flowLinks;
        retrier.marketo = marketo;
        retrier.calls = new FlowActionCalls() {
            @Override
            public List<FlowActionCall> writeBacksDue(int max) {
                return List.copyOf(due.subList(0, Math.min(max, due.size())));
            }

            @Override
            public void writtenBack(List<FlowActionCall> calls) {
                written.addAll(calls);
                due.removeAll(calls);
            }
        };
    }

    private FlowActionCall created(long personId, CrmEntity entity, String recordId) {
        FlowActionCall call = new FlowActionCall(new SyncPersonRequest(personId, entity, null), T0, Duration.ofSeconds(30));
        call.writeBack(entity, recordId);
        due.add(call);
        return call;
    }

    @Test
    void writesTheBatchOnceAndOnlyForLinksThatStillNameTheRecord() {
        long kept = marketo.addPerson("email", "kept@example.com");
        long deleted = marketo.addPerson("email", "deleted@example.com");
        long relinked = marketo.addPerson("email", "relinked@example.com");
        long unlinked = marketo.addPerson("email", "unlinked@example.com");
        links.link(kept, CrmEntity.LEAD, "lead-kept", Map.of(), T0);
        links.link(deleted, CrmEntity.LEAD, "lead-deleted", Map.of(), T0).changeState(LinkState.DELETED_IN_DYNAMICS, T0);
        links.link(relinked, CrmEntity.LEAD, "lead-old", Map.of(), T0).convertToContact("contact-new", T0);
        created(kept, CrmEntity.LEAD, "lead-kept");
        created(deleted, CrmEntity.LEAD, "lead-deleted");
        created(relinked, CrmEntity.LEAD, "lead-old");
        created(unlinked, CrmEntity.LEAD, "lead-never-linked");
        int before = marketo.updatesReceived().size();

        retrier.writeBack();

        List<PersonUpdate> sent = marketo.updatesReceived().subList(before, marketo.updatesReceived().size());
        assertEquals(List.of(kept), sent.stream().map(PersonUpdate::personId).toList(), "only the link that still names its record");
        assertEquals("lead-kept", marketo.value(kept, "msftId"));
        assertEquals(4, written.size(), "the others are done too: the cycle tells Marketo about links that moved on");
        assertEquals(List.of(), due);
    }
}
