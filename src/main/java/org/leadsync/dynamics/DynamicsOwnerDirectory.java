package org.leadsync.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.dynamics.DataverseTransport.Answer;
import org.leadsync.port.DynamicsDirectory;
import org.leadsync.port.DynamicsException;
import org.leadsync.port.Owner;
import org.leadsync.port.OwnerChanges;
import org.leadsync.port.OwnerKind;

/**
 * The users and teams that own records (docs/sync-rules.md R22), read with Web API change tracking like the
 * leads and contacts feeds (R5): `systemusers` and `teams`, only the columns a Marketo sales person takes.
 */
@ApplicationScoped
public class DynamicsOwnerDirectory implements DynamicsDirectory {

    private static final String USER_COLUMNS = "systemuserid,firstname,lastname,internalemailaddress,address1_telephone1,title";
    private static final String TEAM_COLUMNS = "teamid,name,emailaddress";

    @Inject
    DataverseTransport transport;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.page-size", defaultValue = "5000")
    int pageSize;

    @Override
    public OwnerChanges ownerChanges(OwnerKind kind, String cursor) {
        String set = kind == OwnerKind.SYSTEMUSER ? "systemusers" : "teams";
        String prefer = "odata.track-changes,odata.maxpagesize=" + pageSize;
        Answer answer;
        if (cursor == null) {
            String select = kind == OwnerKind.SYSTEMUSER ? USER_COLUMNS : TEAM_COLUMNS;
            answer = transport.send("change tracking of " + set, api -> api.list(set, select, null, null, null, prefer));
        } else {
            Map<String, String> q = DynamicsConnector.query(cursor);
            answer = transport.send("change tracking of " + set, api -> api.list(set, q.get("$select"), q.get("$filter"),
                    q.get("$skiptoken"), q.get("$deltatoken"), prefer));
        }
        // the records' error mapping: an unknown delta link is a refusal the feed restarts from (R5)
        JsonObject body = DynamicsConnector.ok(answer, kind.logicalName());
        List<Owner> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (JsonValue value : body.getJsonArray("value")) {
            JsonObject row = value.asJsonObject();
            if (row.getString("@odata.context", "").endsWith("$deletedEntity")) {
                deleted.add(row.getString("id"));
            } else {
                changed.add(owner(kind, row));
            }
        }
        String next = body.getString("@odata.nextLink", null);
        String delta = body.getString("@odata.deltaLink", null);
        if (next == null && delta == null) {
            throw new DynamicsException("Change tracking answer of " + set + " has neither a next link nor a delta link");
        }
        return new OwnerChanges(changed, deleted, next != null ? next : delta, next == null);
    }

    private static Owner owner(OwnerKind kind, JsonObject row) {
        if (kind == OwnerKind.TEAM) {
            return new Owner(row.getString("teamid"), kind, null, text(row, "name"), text(row, "emailaddress"), null, null);
        }
        return new Owner(row.getString("systemuserid"), kind, text(row, "firstname"), text(row, "lastname"),
                text(row, "internalemailaddress"), text(row, "address1_telephone1"), text(row, "title"));
    }

    private static String text(JsonObject row, String name) {
        return row.containsKey(name) && !row.isNull(name) ? row.getString(name) : null;
    }
}
