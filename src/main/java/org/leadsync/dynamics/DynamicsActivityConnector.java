package org.leadsync.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leadsync.connector.JsonFactory;
import org.leadsync.dynamics.DataverseTransport.Answer;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsActivities;
import org.leadsync.port.DynamicsId;
import org.leadsync.port.DynamicsOwner;
import org.leadsync.port.DynamicsTask;
import org.leadsync.port.MarketingList;

/**
 * Owners, tasks and marketing lists over the Web API (docs/api.md, Other flow actions): Assign as a PATCH of
 * `ownerid@odata.bind`, a task bound to its regarding record through `regardingobjectid_<entity>_task`, and the
 * list actions AddMemberList / RemoveMemberList. Nothing outside this package sees OData.
 */
@ApplicationScoped
public class DynamicsActivityConnector implements DynamicsActivities {

    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** A list's `createdfromcode`: which table its members come from. */
    private static final int LEAD_LIST = 4;
    private static final int CONTACT_LIST = 2;

    @Inject
    DataverseTransport transport;

    @Override
    public Optional<DynamicsOwner> owner(String idOrEmail) {
        Optional<DynamicsOwner> user = first("systemusers", "systemuserid", "internalemailaddress", idOrEmail)
                .map(row -> new DynamicsOwner(DynamicsOwner.Kind.USER, DynamicsId.of(row.getString("systemuserid"))));
        return user.isPresent() ? user : first("teams", "teamid", "emailaddress", idOrEmail)
                .map(row -> new DynamicsOwner(DynamicsOwner.Kind.TEAM, DynamicsId.of(row.getString("teamid"))));
    }

    @Override
    public void assign(CrmEntity entity, String recordId, DynamicsOwner owner) {
        String set = ODataJson.entitySet(entity);
        String body = JsonFactory.JSON.createObjectBuilder().add("ownerid@odata.bind", bind(owner)).build().toString();
        DynamicsConnector.ok(transport.send("assign in " + set, api -> api.update(set, recordId, "*", body)), entity);
    }

    @Override
    public boolean createTask(DynamicsTask task) {
        JsonObjectBuilder body = JsonFactory.JSON.createObjectBuilder()
                .add("activityid", task.taskId())
                .add("subject", task.subject())
                .add("prioritycode", task.priority())
                .add("scheduledend", task.due().toString())
                .add("regardingobjectid_" + task.regarding().logicalName() + "_task@odata.bind",
                        "/" + ODataJson.entitySet(task.regarding()) + "(" + task.recordId() + ")");
        if (task.comments() != null) {
            body.add("description", task.comments());
        }
        if (task.owner() != null) {
            body.add("ownerid@odata.bind", bind(task.owner()));
        }
        String json = body.build().toString();
        Answer answer = transport.send("create in tasks", api -> api.create("tasks", json));
        if (answer.status() == 412) {
            return false; // the task's own key exists: an earlier attempt created it
        }
        DynamicsConnector.ok(answer, task.regarding());
        return true;
    }

    @Override
    public Optional<MarketingList> list(String idOrName) {
        String filter = GUID.matcher(idOrName).matches() ? in("listid", idOrName) : "listname eq " + quoted(idOrName);
        return rows("lists", "listid,listname,createdfromcode", filter).stream().findFirst().map(row -> {
            int code = row.isNull("createdfromcode") ? 0 : row.getInt("createdfromcode");
            CrmEntity members = code == LEAD_LIST ? CrmEntity.LEAD : code == CONTACT_LIST ? CrmEntity.CONTACT : null;
            return new MarketingList(DynamicsId.of(row.getString("listid")), row.getString("listname", null), members);
        });
    }

    @Override
    public void addToList(String listId, String recordId) {
        listAction(listId, "AddMemberList", recordId);
    }

    @Override
    public void removeFromList(String listId, String recordId) {
        listAction(listId, "RemoveMemberList", recordId);
    }

    private void listAction(String listId, String action, String recordId) {
        String body = JsonFactory.JSON.createObjectBuilder().add("EntityId", recordId).build().toString();
        DynamicsConnector.ok(transport.send(action, api -> api.boundAction("lists", listId, action, body)), CrmEntity.LEAD);
    }

    private Optional<JsonObject> first(String set, String key, String emailColumn, String idOrEmail) {
        String filter = GUID.matcher(idOrEmail).matches() ? in(key, idOrEmail) : emailColumn + " eq " + quoted(idOrEmail);
        return rows(set, key, filter).stream().findFirst();
    }

    private List<JsonObject> rows(String set, String select, String filter) {
        JsonObject body = DynamicsConnector.ok(transport.send("read " + set,
                api -> api.list(set, select, filter, null, null, "odata.maxpagesize=1")), CrmEntity.LEAD);
        return body.getJsonArray("value").stream().map(JsonValue::asJsonObject).toList();
    }

    private static String in(String property, String id) {
        return "Microsoft.Dynamics.CRM.In(PropertyName='" + property + "',PropertyValues=['" + DynamicsId.of(id) + "'])";
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String bind(DynamicsOwner owner) {
        return (owner.kind() == DynamicsOwner.Kind.TEAM ? "/teams(" : "/systemusers(") + owner.id() + ")";
    }
}
