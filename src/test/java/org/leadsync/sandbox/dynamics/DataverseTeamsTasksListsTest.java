package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the other flow actions need of the Dataverse emulator (docs/sandbox.md, Teams, Tasks, Marketing lists):
 * owner teams, tasks regarding a lead or contact through their single-valued navigation properties, owner
 * assignment through `ownerid@odata.bind` to a user or a team, and AddMemberList / RemoveMemberList.
 */
class DataverseTeamsTasksListsTest {

    private final WebApiCalls dv = new WebApiCalls();

    private String lead() {
        return dv.create("leads", "{\"lastname\":\"Orton\",\"subject\":\"s\",\"emailaddress1\":\"o@example.com\"}");
    }

    private JsonObject row(String target) {
        WebApiResponse r = dv.get(target);
        assertEquals(200, r.status(), r.body());
        return WebApiCalls.json(r);
    }

    private WebApiResponse post(String target, String body) {
        return dv.call("POST", target, Map.of(), body);
    }

    @Test
    void aTaskRegardingALeadOwnedByATeam() {
        String lead = lead();
        String team = dv.create("teams", "{\"name\":\"Inside sales\",\"emailaddress\":\"inside@example.com\"}");
        String task = dv.create("tasks", "{\"subject\":\"Call back\",\"description\":\"asked for a demo\",\"prioritycode\":2,"
                + "\"scheduledend\":\"2026-12-07T00:00:00Z\",\"regardingobjectid_lead_task@odata.bind\":\"/leads(" + lead + ")\","
                + "\"ownerid@odata.bind\":\"/teams(" + team + ")\"}");
        JsonObject t = row("tasks(" + task + ")");
        assertEquals(task, t.getString("activityid"));
        assertEquals(lead, t.getString("_regardingobjectid_value"));
        assertEquals(team, t.getString("_ownerid_value"));
        assertEquals(2, t.getInt("prioritycode"));
        assertEquals("Call back", t.getString("subject"));
        assertEquals(0, t.getInt("statecode"), "an open task");
    }

    @Test
    void aTaskWithoutOwnerIsTheCallersAndAGivenIdIsKept() {
        String contact = dv.create("contacts", "{\"lastname\":\"Hopper\"}");
        String id = UUID.randomUUID().toString();
        String task = dv.create("tasks", "{\"activityid\":\"" + id + "\",\"subject\":\"Follow up\","
                + "\"regardingobjectid_contact_task@odata.bind\":\"/contacts(" + contact + ")\"}");
        assertEquals(id, task);
        assertEquals(DynamicsStore.DEFAULT_OWNER.toString(), row("tasks(" + id + ")").getString("_ownerid_value"));
        WebApiResponse again = post("tasks", "{\"activityid\":\"" + id + "\",\"subject\":\"Follow up\"}");
        assertEquals(412, again.status(), "a second create with the same key is refused: " + again.body());
    }

    @Test
    void referencesMustNameARowOfATargetTable() {
        String lead = lead();
        WebApiResponse wrongSet = post("tasks", "{\"subject\":\"x\",\"regardingobjectid_lead_task@odata.bind\":\"/contacts(" + lead + ")\"}");
        assertEquals(400, wrongSet.status(), wrongSet.body());
        WebApiResponse plainLookup = post("tasks", "{\"subject\":\"x\",\"regardingobjectid@odata.bind\":\"/leads(" + lead + ")\"}");
        assertEquals(400, plainLookup.status(), "a task's regarding is written through its navigation properties");
        WebApiResponse missingOwner = dv.call("PATCH", "leads(" + lead + ")", Map.of("If-Match", "*"),
                "{\"ownerid@odata.bind\":\"/systemusers(" + UUID.randomUUID() + ")\"}");
        assertEquals(404, missingOwner.status(), missingOwner.body());
        assertTrue(missingOwner.body().contains("0x80040217"), missingOwner.body());
        assertEquals(DynamicsStore.DEFAULT_OWNER.toString(), row("leads(" + lead + ")").getString("_ownerid_value"), "nothing written");
    }

    @Test
    void ownerAssignmentToAUserOrATeam() {
        String lead = lead();
        String team = dv.create("teams", "{\"name\":\"West\"}");
        WebApiResponse toTeam = dv.call("PATCH", "leads(" + lead + ")", Map.of("If-Match", "*"), "{\"ownerid@odata.bind\":\"/teams(" + team + ")\"}");
        assertEquals(204, toTeam.status(), toTeam.body());
        assertEquals(team, row("leads(" + lead + ")").getString("_ownerid_value"));
        WebApiResponse toUser = dv.call("PATCH", "leads(" + lead + ")", Map.of("If-Match", "*"),
                "{\"ownerid@odata.bind\":\"/systemusers(" + DynamicsStore.DEFAULT_OWNER + ")\"}");
        assertEquals(204, toUser.status(), toUser.body());
        assertEquals(DynamicsStore.DEFAULT_OWNER.toString(), row("leads(" + lead + ")").getString("_ownerid_value"));
    }

    @Test
    void addMemberListAndRemoveMemberList() {
        String lead = lead();
        String list = dv.create("lists", "{\"listname\":\"Webinar\",\"createdfromcode\":4}");
        WebApiResponse added = post("lists(" + list + ")/Microsoft.Dynamics.CRM.AddMemberList", "{\"EntityId\":\"" + lead + "\"}");
        assertEquals(200, added.status(), added.body());
        String member = WebApiCalls.json(added).getString("Id");
        WebApiResponse again = post("lists(" + list + ")/Microsoft.Dynamics.CRM.AddMemberList", "{\"EntityId\":\"" + lead + "\"}");
        assertEquals(member, WebApiCalls.json(again).getString("Id"), "a member is added once");
        JsonObject members = row("listmembers?$filter=_listid_value eq '" + list + "'");
        assertEquals(1, members.getJsonArray("value").size(), members.toString());
        assertEquals(lead, members.getJsonArray("value").getJsonObject(0).getString("_entityid_value"));

        WebApiResponse removed = post("lists(" + list + ")/Microsoft.Dynamics.CRM.RemoveMemberList", "{\"EntityId\":\"" + lead + "\"}");
        assertEquals(204, removed.status(), removed.body());
        assertEquals(0, row("listmembers?$filter=_listid_value eq '" + list + "'").getJsonArray("value").size());
        assertEquals(204, post("lists(" + list + ")/Microsoft.Dynamics.CRM.RemoveMemberList", "{\"EntityId\":\"" + lead + "\"}").status(),
                "removing a record that is no member is fine");
    }

    @Test
    void listRefusals() {
        String lead = lead();
        String contacts = dv.create("lists", "{\"listname\":\"Customers\",\"createdfromcode\":2}");
        assertEquals(404, post("lists(" + contacts + ")/Microsoft.Dynamics.CRM.AddMemberList", "{\"EntityId\":\"" + lead + "\"}").status(),
                "a lead is no contact of a contact list");
        assertEquals(404, post("lists(" + UUID.randomUUID() + ")/Microsoft.Dynamics.CRM.AddMemberList", "{\"EntityId\":\"" + lead + "\"}").status());
        assertEquals(400, post("lists(" + contacts + ")/Microsoft.Dynamics.CRM.AddMemberList", "{}").status());
        assertEquals(400, post("listmembers", "{}").status(), "members are written through the actions only");
    }
}
