package org.leadsync.flowaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.link.LinkState;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsOwner;
import org.leadsync.port.DynamicsTask;
import org.leadsync.port.MarketingList;
import org.leadsync.sync.fake.InMemoryActivityLog;
import org.leadsync.sync.fake.InMemoryLinks;
import org.leadsync.sync.fake.TickingClock;

/**
 * The other flow actions (docs/api.md, Other flow actions) on in-memory fakes of the ports: Change Owner,
 * Create Task, Add to / Remove from Microsoft Campaign; what each writes, answers, settles and logs. The call
 * row is stood in for (its database behaviour is FlowActionCallsTest's and the Payara ITs').
 */
class MicrosoftActionAttemptsTest {

    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final FakeDynamicsActivities dynamics = new FakeDynamicsActivities();
    private final InMemoryLinks links = new InMemoryLinks();
    private final InMemoryActivityLog log = new InMemoryActivityLog();
    /** What the call rows were told: "settle key outcome" or "retry key". */
    private final List<String> rows = new ArrayList<>();
    private final MicrosoftActionAttempts attempts = new MicrosoftActionAttempts();
    private final Instant accepted = Instant.parse("2026-12-02T09:59:00Z");

    MicrosoftActionAttemptsTest() {
        FlowActionLinks flowLinks = new FlowActionLinks();
        flowLinks.links = links;
        flowLinks.activities = log;
        attempts.flowLinks = flowLinks;
        attempts.clock = clock;
        attempts.retryInterval = Duration.ofSeconds(5);
        attempts.changeOwner = new ChangeOwnerInMicrosoft();
        attempts.changeOwner.dynamics = dynamics;
        attempts.createTask = new CreateTaskInMicrosoft();
        attempts.createTask.dynamics = dynamics;
        attempts.campaigns = new MicrosoftCampaignMembership();
        attempts.campaigns.dynamics = dynamics;
        attempts.calls = new FlowActionCalls() {
            @Override
            public void settle(FlowActionCall.Key key, String outcome, Instant now) {
                rows.add("settle " + key.action + " " + outcome);
            }

            @Override
            public int retryLater(FlowActionCall.Key key, String error, Instant now, Duration base) {
                rows.add("retry " + key.action);
                return 1;
            }
        };
    }

    private String linkLead(long personId) {
        String id = java.util.UUID.randomUUID().toString();
        links.link(personId, CrmEntity.LEAD, id, Map.of(), clock.instant());
        return id;
    }

    private ActivityEntry last() {
        List<ActivityEntry> all = log.all();
        return all.get(all.size() - 1);
    }

    @Test
    void changeOwnerAssignsTheRecordToATeamFoundByEmail() {
        String lead = linkLead(7);
        DynamicsOwner team = dynamics.addOwner(DynamicsOwner.Kind.TEAM, "west@contoso.example");
        ChangeOwnerRequest request = new ChangeOwnerRequest(7, "West@Contoso.example");

        ActionResult result = attempts.attempt(request, accepted, false);

        assertEquals(ActionResult.Outcome.DONE, result.outcome());
        assertEquals(team, dynamics.assigned.get("lead:" + lead));
        assertEquals(Map.of("leadId", 7L, "outcome", "assigned", "entity", "lead", "dynamicsId", lead, "ownerType", "team",
                "ownerId", team.id()), result.body());
        assertEquals(List.of("settle " + request.callKey() + " assigned"), rows);
        assertEquals("change-owner-in-microsoft", last().type());
        assertEquals("assigned", last().outcome());
        assertEquals(lead, last().dynamicsId());
    }

    @Test
    void aPersonWithoutADynamicsRecordIsNotSyncedAndNothingIsAsked() {
        ActionResult result = attempts.attempt(new ChangeOwnerRequest(8, "west@contoso.example"), accepted, false);

        assertEquals(ActionResult.Outcome.NOT_SYNCED, result.outcome());
        assertTrue(dynamics.calls.isEmpty(), "no Dynamics call: " + dynamics.calls);
        assertEquals("not-synced", last().outcome());
        assertTrue(rows.get(0).endsWith(" not-synced"), rows.toString());
    }

    @Test
    void aPersonWhoseRecordWasDeletedInDynamicsIsNotSyncedEither() {
        linkLead(9);
        links.byPerson(9).orElseThrow().changeState(LinkState.DELETED_IN_DYNAMICS, clock.instant());
        assertEquals(ActionResult.Outcome.NOT_SYNCED, attempts.attempt(new CampaignRequest(9, MicrosoftAction.ADD_TO_CAMPAIGN, "x"),
                accepted, false).outcome());
    }

    @Test
    void anUnknownOwnerFailsNamingTheField() {
        linkLead(10);
        ActionResult result = attempts.attempt(new ChangeOwnerRequest(10, "nobody@contoso.example"), accepted, false);

        assertEquals(ActionResult.Outcome.FAILED, result.outcome());
        assertEquals("owner", result.error().field());
        assertEquals("not-found", result.error().code());
        assertTrue(dynamics.assigned.isEmpty());
        assertEquals("failed", last().outcome());
        assertEquals("not-found", last().errorCode());
    }

    @Test
    void createTaskMakesOneTaskRegardingTheRecordDueInFiveDaysByDefaultEvenWhenAttemptedTwice() {
        String lead = linkLead(11);
        DynamicsOwner user = dynamics.addOwner(DynamicsOwner.Kind.USER, "ann@contoso.example");
        CreateTaskRequest request = new CreateTaskRequest(11, "Call back", "ann@contoso.example", 2,
                CreateTaskRequest.DEFAULT_DUE_IN_DAYS, "Asked for a demo");

        ActionResult first = attempts.attempt(request, accepted, false);
        // the process died before the call row was settled: the retrier runs the same call again
        ActionResult again = attempts.attempt(request, accepted, true);

        assertEquals(1, dynamics.tasks.size(), "one task, whatever the number of attempts");
        DynamicsTask task = dynamics.tasks.values().iterator().next();
        assertEquals(first.details().get("dynamicsId"), task.taskId());
        assertEquals(again.details().get("dynamicsId"), task.taskId());
        assertEquals(CrmEntity.LEAD, task.regarding());
        assertEquals(lead, task.recordId());
        assertEquals(accepted.plus(Duration.ofDays(5)), task.due(), "due counted from the acceptance, not from the attempt");
        assertEquals(user, task.owner());
        assertEquals(2, task.priority());
        assertEquals("Asked for a demo", task.comments());
        assertEquals("created", first.body().get("outcome"));
        assertEquals(Map.of("entity", "lead", "dynamicsId", lead), first.body().get("regarding"));
        assertNotEquals(CreateTaskInMicrosoft.taskId(request, accepted), CreateTaskInMicrosoft.taskId(request, accepted.plusSeconds(1)),
                "a call accepted anew (the earlier one done) makes a new task");
    }

    @Test
    void aTaskWithoutOwnerLeavesTheOwnerToDynamics() {
        linkLead(12);
        attempts.attempt(new CreateTaskRequest(12, "Follow up", null, 1, 0, null), accepted, false);
        DynamicsTask task = dynamics.tasks.values().iterator().next();
        assertNull(task.owner());
        assertEquals(accepted, task.due());
        assertEquals(List.of("createTask"), dynamics.calls, "no owner look-up");
    }

    @Test
    void campaignMembershipAddsAndRemovesTheRecordOfTheListsType() {
        String lead = linkLead(13);
        MarketingList webinar = dynamics.addList("Webinar", CrmEntity.LEAD);

        ActionResult added = attempts.attempt(new CampaignRequest(13, MicrosoftAction.ADD_TO_CAMPAIGN, "webinar"), accepted, false);
        assertEquals("added", added.body().get("outcome"));
        assertEquals(webinar.id(), added.body().get("listId"));
        assertTrue(dynamics.members.get(webinar.id()).contains(lead));
        assertEquals("add-to-microsoft-campaign", last().type());
        assertEquals("added", last().outcome());

        ActionResult removed = attempts.attempt(new CampaignRequest(13, MicrosoftAction.REMOVE_FROM_CAMPAIGN, webinar.id()), accepted, false);
        assertEquals("removed", removed.body().get("outcome"));
        assertTrue(dynamics.members.get(webinar.id()).isEmpty());
        assertEquals("removed", last().outcome());
    }

    @Test
    void aListOfTheOtherRecordTypeOrNoListFails() {
        linkLead(14);
        dynamics.addList("Customers", CrmEntity.CONTACT);
        ActionResult wrongType = attempts.attempt(new CampaignRequest(14, MicrosoftAction.ADD_TO_CAMPAIGN, "Customers"), accepted, false);
        assertEquals("member-type", wrongType.error().code());
        assertEquals("campaign", wrongType.error().field());
        ActionResult none = attempts.attempt(new CampaignRequest(14, MicrosoftAction.ADD_TO_CAMPAIGN, "No such list"), accepted, false);
        assertEquals("not-found", none.error().code());
        assertEquals(List.of("list", "list"), dynamics.calls, "nothing was added");
    }

    @Test
    void dynamicsUnreachableKeepsTheCallPendingAndSaysQueuedOnce() {
        linkLead(15);
        dynamics.down = true;
        CampaignRequest request = new CampaignRequest(15, MicrosoftAction.ADD_TO_CAMPAIGN, "Webinar");

        assertEquals(ActionResult.Outcome.UNAVAILABLE, attempts.attempt(request, accepted, false).outcome());
        assertEquals(ActionResult.Outcome.UNAVAILABLE, attempts.attempt(request, accepted, true).outcome());

        assertEquals(List.of("retry " + request.callKey(), "retry " + request.callKey()), rows, "never settled while unknown");
        assertEquals(List.of("queued"), log.all().stream().map(ActivityEntry::outcome).toList(), "the background attempt logs nothing");
        dynamics.down = false;
        dynamics.addList("Webinar", CrmEntity.LEAD);
        assertEquals(ActionResult.Outcome.DONE, attempts.attempt(request, accepted, true).outcome());
        assertTrue(last().message().contains("background"), last().message());
    }

    @Test
    void theCallKeyJoinsTheSameCallAndSeparatesDifferentOnes() {
        CreateTaskRequest task = new CreateTaskRequest(16, "Call back", null, 1, 5, null);
        assertEquals(task.callKey(), new CreateTaskRequest(16, "Call back", null, 1, 5, null).callKey());
        assertNotEquals(task.callKey(), new CreateTaskRequest(16, "Send the brochure", null, 1, 5, null).callKey());
        assertTrue(task.callKey().startsWith("create-task-in-microsoft/"), task.callKey());
        assertTrue(task.callKey().length() <= 100, "fits flow_action_call.action");
        assertEquals(MicrosoftAction.CREATE_TASK, ActionRequest.actionOf(task.callKey()).orElseThrow());
        assertTrue(ActionRequest.actionOf(FlowActionCall.SYNC_PERSON).isEmpty());
        for (ActionRequest r : List.of(task, new ChangeOwnerRequest(16, "a@b.example"),
                new CampaignRequest(16, MicrosoftAction.REMOVE_FROM_CAMPAIGN, "Webinar"),
                new CreateTaskRequest(16, "Call", "t@b.example", 0, 30, "line one\nline \"two\""))) {
            assertEquals(r, ActionRequest.of(r.action(), 16, r.parameters().toString()), "the call row gives the request back");
        }
    }
}
