package org.leadsync.sandbox.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.leadsync.sandbox.SandboxSystem;
import org.leadsync.sandbox.SeedRequest;
import org.leadsync.sandbox.dynamics.DynamicsTable.Row;

/** The Dynamics emulator's in-memory state (docs/sandbox.md, Dynamics 365): tables, business rules, counters. */
@ApplicationScoped
public class DynamicsStore implements SandboxSystem {

    /** The systemuser that owns every row nobody assigned (the sandbox's only user until seeded). */
    public static final UUID DEFAULT_OWNER = UUID.fromString("5a3c0f5e-0000-4000-8000-000000000001");
    private static final String REQUIRED_MISSING = "0x80040200";
    /** A list whose member type the sandbox does not keep (accounts). */
    private static final String MEMBER_TYPE = "0x80040203";
    private static final String[] FIRST = {"Monte", "Ada", "Grace", "Linus", "Nancy", "Alan", "Joan", "Ken", "Barbara", "Dennis"};
    private static final String[] LAST = {"Orton", "Lovelace", "Hopper", "Torvalds", "Lynch", "Turing", "Clarke", "Thompson", "Liskov", "Ritchie"};
    private static final String[] COMPANY = {"Contoso", "Fabrikam", "Northwind", "Litware", "Adventure Works", "Tailspin"};

    private final Map<String, DynamicsTable> tables = new LinkedHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final ReentrantLock writes = new ReentrantLock();
    private final List<BusinessRule> rules = new CopyOnWriteArrayList<>();
    /** Columns an admin deleted (docs/sandbox.md, Control): "lead.jobtitle". */
    private final java.util.Set<String> deletedColumns = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder batched = new LongAdder();

    public DynamicsStore() {
        EntityDefinition.ALL.forEach(e -> tables.put(e.entitySetName(), new DynamicsTable(e)));
        addDefaultOwner();
    }

    @Override
    public String name() {
        return "dynamics";
    }

    @Override
    public void reset() {
        writes.lock();
        try {
            tables.values().forEach(DynamicsTable::clear);
            rules.clear();
            deletedColumns.clear();
            calls.clear();
            rateLimited.reset();
            batched.reset();
            addDefaultOwner();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public void seed(SeedRequest request) {
        Random random = new Random(request.randomSeed());
        writes.lock();
        try {
            for (int i = 0; i < request.leads(); i++) {
                seedRow(EntityDefinition.LEAD, "lead-" + i, random, request.leadEmail(i), i);
            }
            for (int i = 0; i < request.contacts(); i++) {
                seedRow(EntityDefinition.CONTACT, "contact-" + i, random, request.contactEmail(i), i);
            }
        } finally {
            writes.unlock();
        }
    }

    private void seedRow(EntityDefinition entity, String key, Random random, String email, int i) {
        UUID id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        Map<Integer, Object> values = new TreeMap<>();
        values.put(entity.indexOf("firstname"), FIRST[random.nextInt(FIRST.length)]);
        values.put(entity.indexOf("lastname"), LAST[random.nextInt(LAST.length)]);
        values.put(entity.indexOf("emailaddress1"), email);
        values.put(entity.indexOf("jobtitle"), "Engineer");
        if (entity == EntityDefinition.LEAD) {
            values.put(entity.indexOf("subject"), "Seeded lead " + i);
            values.put(entity.indexOf("companyname"), COMPANY[random.nextInt(COMPANY.length)]);
        }
        insert(entity, id, values);
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Long> byEndpoint = new TreeMap<>();
        calls.forEach((k, v) -> byEndpoint.put(k, v.sum()));
        out.put("calls", byEndpoint);
        out.put("callsTotal", byEndpoint.entrySet().stream().filter(e -> !e.getKey().startsWith("POST token"))
                .mapToLong(Map.Entry::getValue).sum());
        out.put("batchedRequests", batched.sum());
        Map<String, Integer> rows = new LinkedHashMap<>();
        tables.forEach((set, table) -> rows.put(set, table.size()));
        out.put("rows", rows);
        out.put("rateLimited", rateLimited.sum());
        return out;
    }

    void countCall(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    void countRateLimited() {
        rateLimited.increment();
    }

    void countBatched(int requests) {
        batched.add(requests);
    }

    DynamicsTable table(String set) {
        return tables.get(set);
    }

    long currentVersion() {
        return versions.get();
    }

    ReentrantLock writeLock() {
        return writes;
    }

    public List<BusinessRule> rules() {
        return List.copyOf(rules);
    }

    /** @throws IllegalArgumentException when the entity, attribute or rule is unknown */
    public void addRule(BusinessRule rule) {
        EntityDefinition entity = EntityDefinition.byLogicalName(rule.entity())
                .filter(e -> e == EntityDefinition.LEAD || e == EntityDefinition.CONTACT)
                .orElseThrow(() -> new IllegalArgumentException("entity must be lead or contact"));
        if (rule.attribute() == null || entity.indexOf(rule.attribute()) < 0) {
            throw new IllegalArgumentException("Unknown attribute of " + entity.logicalName() + ": " + rule.attribute());
        }
        if (rule.rule() == null || !rule.valid()) {
            throw new IllegalArgumentException("rule must be \"required\" or \"regex:<pattern>\"");
        }
        rules.add(rule);
    }

    /**
     * An admin deletes a column of `lead` or `contact` (a schema change, docs/sandbox.md): it leaves the metadata and
     * naming it in `$select` or a write is an unknown property. False when it was deleted already.
     * @throws IllegalArgumentException when the entity or column is unknown, or is the key
     */
    public boolean deleteColumn(String logicalName, String attribute) {
        return deletedColumns.add(column(logicalName, attribute));
    }

    /** Creates the deleted column again; false when it was not deleted. */
    public boolean restoreColumn(String logicalName, String attribute) {
        return deletedColumns.remove(column(logicalName, attribute));
    }

    public java.util.List<String> deletedColumns() {
        return deletedColumns.stream().sorted().toList();
    }

    boolean deleted(EntityDefinition entity, String attribute) {
        return !deletedColumns.isEmpty() && deletedColumns.contains(entity.logicalName() + "." + attribute);
    }

    private static String column(String logicalName, String attribute) {
        EntityDefinition entity = EntityDefinition.byLogicalName(String.valueOf(logicalName))
                .filter(e -> e == EntityDefinition.LEAD || e == EntityDefinition.CONTACT)
                .orElseThrow(() -> new IllegalArgumentException("entity must be lead or contact"));
        int index = attribute == null ? -1 : entity.indexOf(attribute);
        if (index <= 0) {
            throw new IllegalArgumentException("Unknown or key attribute of " + entity.logicalName() + ": " + attribute);
        }
        return entity.logicalName() + "." + entity.attribute(index).logicalName();
    }

    private void refuseDeleted(EntityDefinition entity, Map<Integer, Object> assigned) {
        for (Integer index : assigned.keySet()) {
            if (deleted(entity, entity.attribute(index).logicalName())) {
                throw RowPayload.unknown(entity, entity.attribute(index).logicalName());
            }
        }
    }

    public void clearRules() {
        rules.clear();
    }

    /**
     * A user's edit of one lead or contact (the demo activity, docs/sandbox.md): the same update a PATCH with
     * `If-Match: *` makes, business rules included. False when the row is gone or a rule refused the values.
     */
    public boolean edit(String logicalName, String id, Map<String, String> values) {
        EntityDefinition entity = EntityDefinition.byLogicalName(logicalName).orElseThrow();
        var body = org.leadsync.sandbox.JsonFactory.JSON.createObjectBuilder();
        values.forEach(body::add);
        try {
            update(entity, UUID.fromString(id), body.build(), "*", null);
            return true;
        } catch (DataverseFault | IllegalArgumentException refused) {
            return false;
        }
    }

    Row create(EntityDefinition entity, JsonObject body) {
        if (entity == EntityDefinition.LISTMEMBER) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR,
                    "The 'Create' method does not support entities of type 'listmember'. Use AddMemberList.");
        }
        Map<Integer, Object> values = RowPayload.assignments(entity, body, true);
        refuseDeleted(entity, values);
        Object given = values.remove(0);
        UUID id = given == null ? UUID.randomUUID() : UUID.fromString(given.toString());
        writes.lock();
        try {
            if (table(entity.entitySetName()).get(id) != null) {
                throw new DataverseFault(412, "0x80040237", "A record with matching key values already exists.");
            }
            resolveReferences(values);
            checkRules(entity, values, true);
            return insert(entity, id, values);
        } finally {
            writes.unlock();
        }
    }

    private Row insert(EntityDefinition entity, UUID id, Map<Integer, Object> assigned) {
        Object[] values = new Object[entity.attributes().size()];
        values[0] = id.toString();
        String now = now();
        int owner = entity.indexOf("ownerid");
        if (owner >= 0) {
            values[owner] = DEFAULT_OWNER.toString();
        }
        setIfPresent(entity, values, "statecode", 0L);
        setIfPresent(entity, values, "statuscode", 1L);
        setIfPresent(entity, values, "createdon", now);
        setIfPresent(entity, values, "modifiedon", now);
        assigned.forEach((i, v) -> values[i] = v);
        requireSystemColumns(entity, values);
        Row row = new Row(id, versions.incrementAndGet(), values);
        table(entity.entitySetName()).put(row);
        return row;
    }

    /**
     * PATCH, an upsert (Web API, "Perform conditional operations using the Web API", Limit upsert
     * operations): `If-Match: *` prevents the create (404 when missing), `If-None-Match: *` prevents
     * the update (412 when the row exists), an etag in `If-Match` → 412 when stale.
     */
    Row update(EntityDefinition entity, UUID id, JsonObject body, String ifMatch, String ifNoneMatch) {
        if (entity == EntityDefinition.LISTMEMBER) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR,
                    "The 'Update' method does not support entities of type 'listmember'.");
        }
        Map<Integer, Object> assigned = RowPayload.assignments(entity, body, false);
        refuseDeleted(entity, assigned);
        boolean createOnly = ifNoneMatch != null && ifNoneMatch.trim().equals("*");
        writes.lock();
        try {
            resolveReferences(assigned);
            DynamicsTable table = table(entity.entitySetName());
            Row current = table.get(id);
            if (current == null) {
                if (ifMatch != null) {
                    throw DataverseFault.notFound(entity, id, "");
                }
                checkRules(entity, assigned, true);
                return insert(entity, id, assigned);
            }
            if (createOnly) {
                throw new DataverseFault(412, "", "A record with matching key values already exists.");
            }
            if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(etag(current))) {
                throw new DataverseFault(412, "0x80060882",
                        "The version of the existing record doesn't match the RowVersion property provided.");
            }
            checkRules(entity, assigned, false);
            Object[] values = current.values().clone();
            assigned.forEach((i, v) -> values[i] = v);
            setIfPresent(entity, values, "modifiedon", now());
            requireSystemColumns(entity, values);
            Row row = new Row(id, versions.incrementAndGet(), values);
            table.put(row);
            return row;
        } finally {
            writes.unlock();
        }
    }

    void delete(EntityDefinition entity, UUID id) {
        writes.lock();
        try {
            DynamicsTable table = table(entity.entitySetName());
            if (table.get(id) == null) {
                throw DataverseFault.notFound(entity, id, "0x80040217");
            }
            table.delete(id, versions.incrementAndGet());
        } finally {
            writes.unlock();
        }
    }

    /** Puts a row back as it was before a failed change set (a new version: it is a change to trackers). */
    void restore(EntityDefinition entity, UUID id, Row before) {
        DynamicsTable table = table(entity.entitySetName());
        if (before == null) {
            table.discard(id);
        } else {
            table.put(new Row(id, versions.incrementAndGet(), before.values()));
        }
    }

    /** QualifyLead with CreateContact: a contact with `_originatingleadid_value`, lead → statecode 1 / statuscode 3. */
    Row qualify(UUID leadId) {
        EntityDefinition lead = EntityDefinition.LEAD;
        EntityDefinition contact = EntityDefinition.CONTACT;
        writes.lock();
        try {
            DynamicsTable leads = table(lead.entitySetName());
            Row current = leads.get(leadId);
            if (current == null) {
                throw DataverseFault.notFound(lead, leadId, "0x80040217");
            }
            if (!Long.valueOf(0).equals(leads.value(current, "statecode"))) {
                throw DataverseFault.badRequest("0x8004d2a2", "The lead is not open and cannot be qualified.");
            }
            Map<Integer, Object> values = new TreeMap<>();
            for (String name : List.of("firstname", "lastname", "emailaddress1", "jobtitle", "telephone1", "new_synctomkto", "ownerid")) {
                values.put(contact.indexOf(name), leads.value(current, name));
            }
            values.put(contact.indexOf("originatingleadid"), leadId.toString());
            checkRules(contact, values, true);
            Row created = insert(contact, UUID.randomUUID(), values);
            Object[] closed = current.values().clone();
            closed[lead.indexOf("statecode")] = 1L;
            closed[lead.indexOf("statuscode")] = 3L;
            closed[lead.indexOf("modifiedon")] = now();
            leads.put(new Row(leadId, versions.incrementAndGet(), closed));
            return created;
        } finally {
            writes.unlock();
        }
    }

    /**
     * A lookup written with `@odata.bind` must name a row that exists (Dataverse: 404 "... With Id = ...
     * Does Not Exist"); the column then holds its id. Called under the write lock.
     */
    private void resolveReferences(Map<Integer, Object> values) {
        for (Map.Entry<Integer, Object> value : values.entrySet()) {
            if (value.getValue() instanceof RowPayload.Reference reference) {
                DynamicsTable target = table(reference.set());
                UUID id = UUID.fromString(reference.id());
                if (target == null || target.get(id) == null) {
                    throw DataverseFault.notFound(target == null ? EntityDefinition.SYSTEMUSER : target.definition, id, "0x80040217");
                }
                value.setValue(id.toString());
            }
        }
    }

    /**
     * AddMemberList (Web API action bound to `list`): adds a lead or contact to a static marketing list of that
     * member type (`createdfromcode` 4 lead, 2 contact); answers the list member, the one already there when
     * the record is a member (docs/sandbox.md, Marketing lists).
     */
    Row addMember(UUID listId, UUID memberId) {
        writes.lock();
        try {
            EntityDefinition memberType = memberType(listId);
            if (table(memberType.entitySetName()).get(memberId) == null) {
                throw DataverseFault.notFound(memberType, memberId, "0x80040217");
            }
            Row existing = member(listId, memberId);
            if (existing != null) {
                return existing;
            }
            EntityDefinition m = EntityDefinition.LISTMEMBER;
            Map<Integer, Object> values = new TreeMap<>();
            values.put(m.indexOf("listid"), listId.toString());
            values.put(m.indexOf("entityid"), memberId.toString());
            return insert(m, UUID.randomUUID(), values);
        } finally {
            writes.unlock();
        }
    }

    /** RemoveMemberList: the record is no member of the list afterwards (a record that was none is fine). */
    void removeMember(UUID listId, UUID memberId) {
        writes.lock();
        try {
            memberType(listId);
            Row existing = member(listId, memberId);
            if (existing != null) {
                table(EntityDefinition.LISTMEMBER.entitySetName()).delete(existing.id(), versions.incrementAndGet());
            }
        } finally {
            writes.unlock();
        }
    }

    private EntityDefinition memberType(UUID listId) {
        DynamicsTable lists = table(EntityDefinition.LIST.entitySetName());
        Row list = lists.get(listId);
        if (list == null) {
            throw DataverseFault.notFound(EntityDefinition.LIST, listId, "0x80040217");
        }
        Object code = lists.value(list, "createdfromcode");
        if (Long.valueOf(4).equals(code)) {
            return EntityDefinition.LEAD;
        }
        if (Long.valueOf(2).equals(code)) {
            return EntityDefinition.CONTACT;
        }
        throw DataverseFault.badRequest(MEMBER_TYPE, "The sandbox's marketing lists hold leads (createdfromcode 4) or contacts (2).");
    }

    private Row member(UUID listId, UUID memberId) {
        DynamicsTable members = table(EntityDefinition.LISTMEMBER.entitySetName());
        for (Object entry : members.scan(0, Long.MAX_VALUE, false, row -> listId.toString().equals(row.apply("listid"))
                && memberId.toString().equals(row.apply("entityid")), Integer.MAX_VALUE).entries()) {
            return (Row) entry;
        }
        return null;
    }

    private void checkRules(EntityDefinition entity, Map<Integer, Object> values, boolean create) {
        for (BusinessRule rule : rules) {
            if (!rule.entity().equals(entity.logicalName())) {
                continue;
            }
            int index = entity.indexOf(rule.attribute());
            boolean present = create || values.containsKey(index);
            String failure = rule.check(values.get(index), present);
            if (failure != null) {
                throw DataverseFault.badRequest(BusinessRule.PLUGIN_ERROR, failure);
            }
        }
    }

    private static void requireSystemColumns(EntityDefinition entity, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            AttributeDefinition attribute = entity.attribute(i);
            if (attribute.requiredLevel().equals("SystemRequired") && values[i] == null) {
                throw DataverseFault.badRequest(REQUIRED_MISSING, "A validation error occurred. The value of the '"
                        + attribute.logicalName() + "' attribute of the '" + entity.logicalName()
                        + "' entity is required and cannot be null.");
            }
        }
    }

    static String etag(Row row) {
        return "W/\"" + row.version() + "\"";
    }

    private static void setIfPresent(EntityDefinition entity, Object[] values, String name, Object value) {
        int index = entity.indexOf(name);
        if (index >= 0) {
            values[index] = value;
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void addDefaultOwner() {
        EntityDefinition user = EntityDefinition.SYSTEMUSER;
        Map<Integer, Object> values = new TreeMap<>();
        values.put(user.indexOf("fullname"), "LeadSync Sandbox");
        values.put(user.indexOf("firstname"), "LeadSync");
        values.put(user.indexOf("lastname"), "Sandbox");
        values.put(user.indexOf("internalemailaddress"), "sandbox@leadsync.example");
        values.put(user.indexOf("isdisabled"), false);
        insert(user, DEFAULT_OWNER, values);
    }

    List<UUID> ids(String set) {
        List<UUID> out = new ArrayList<>();
        table(set).scan(0, Long.MAX_VALUE, false, null, Integer.MAX_VALUE).entries().forEach(e -> out.add(((Row) e).id()));
        return out;
    }
}
