package org.leadsync.flowaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsActivities;
import org.leadsync.port.DynamicsOwner;
import org.leadsync.port.DynamicsTask;
import org.leadsync.port.DynamicsUnavailable;
import org.leadsync.port.MarketingList;

/** Dynamics' owners, tasks and marketing lists in memory, with a switch that makes it unreachable. */
final class FakeDynamicsActivities implements DynamicsActivities {

    final Map<String, DynamicsOwner> ownersByIdOrEmail = new HashMap<>();
    final Map<String, DynamicsOwner> assigned = new LinkedHashMap<>();
    final Map<String, DynamicsTask> tasks = new LinkedHashMap<>();
    final Map<String, MarketingList> lists = new HashMap<>();
    final Map<String, Set<String>> members = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean down;

    DynamicsOwner addOwner(DynamicsOwner.Kind kind, String email) {
        DynamicsOwner owner = new DynamicsOwner(kind, UUID.randomUUID().toString());
        ownersByIdOrEmail.put(owner.id(), owner);
        ownersByIdOrEmail.put(email, owner);
        return owner;
    }

    MarketingList addList(String name, CrmEntity members) {
        MarketingList list = new MarketingList(UUID.randomUUID().toString(), name, members);
        lists.put(list.id(), list);
        lists.put(name.toLowerCase(), list);
        this.members.put(list.id(), new LinkedHashSet<>());
        return list;
    }

    private void call(String what) {
        calls.add(what);
        if (down) {
            throw new DynamicsUnavailable(what + ": HTTP 503 after the retry budget");
        }
    }

    @Override
    public Optional<DynamicsOwner> owner(String idOrEmail) {
        call("owner");
        return Optional.ofNullable(ownersByIdOrEmail.get(idOrEmail.toLowerCase()));
    }

    @Override
    public void assign(CrmEntity entity, String recordId, DynamicsOwner owner) {
        call("assign");
        assigned.put(entity.logicalName() + ":" + recordId, owner);
    }

    @Override
    public boolean createTask(DynamicsTask task) {
        call("createTask");
        return tasks.putIfAbsent(task.taskId(), task) == null;
    }

    @Override
    public Optional<MarketingList> list(String idOrName) {
        call("list");
        return Optional.ofNullable(lists.getOrDefault(idOrName, lists.get(idOrName.toLowerCase())));
    }

    @Override
    public void addToList(String listId, String recordId) {
        call("addToList");
        members.get(listId).add(recordId);
    }

    @Override
    public void removeFromList(String listId, String recordId) {
        call("removeFromList");
        members.get(listId).remove(recordId);
    }
}
