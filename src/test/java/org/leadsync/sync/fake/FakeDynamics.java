package org.leadsync.sync.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;
import org.leadsync.port.DynamicsId;
import org.leadsync.port.DynamicsNotFound;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.RecordChanges;
import org.leadsync.port.WriteOutcome;

/**
 * Dynamics 365 leads and contacts in memory, behaving as {@link DynamicsRecords} documents it: change tracking
 * per table (a null cursor reads every current row and ends with a delta cursor; a delta cursor returns rows
 * changed since, with their current values, and deleted ids), every successful write (a test's edit or
 * LeadSync's own PATCH) being a change, attribute metadata with MaxLength and required levels checked on write,
 * business rules that refuse a value with Dynamics' own error code, and QualifyLead.
 */
public final class FakeDynamics implements DynamicsRecords {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private static final class Row {
        final String id;
        final Map<String, Object> values = new LinkedHashMap<>();
        final String originatingLeadId;
        long version;
        int updates;

        Row(String id, String originatingLeadId) {
            this.id = id;
            this.originatingLeadId = originatingLeadId;
        }
    }

    private record Deletion(String id, long version) {
    }

    private record BusinessRule(CrmEntity entity, String attribute, Predicate<Object> allowed, String code, String message) {
    }

    private final Map<CrmEntity, Map<String, Row>> tables = new EnumMap<>(CrmEntity.class);
    private final Map<CrmEntity, List<Deletion>> deletions = new EnumMap<>(CrmEntity.class);
    private final Map<CrmEntity, Map<String, DynamicsAttribute>> catalogue = new EnumMap<>(CrmEntity.class);
    private final List<BusinessRule> rules = new ArrayList<>();
    private final Map<String, DynamicsAttribute> dropped = new LinkedHashMap<>();
    private final List<DynamicsWrite> writesReceived = new ArrayList<>();
    private final java.util.Set<String> poisoned = new java.util.HashSet<>();
    private final Map<String, Row> recycleBin = new LinkedHashMap<>();
    private int throttledWrites;
    private long version;
    private int nextId = 1;
    private int pageSize = 5000;
    private int createCalls;
    private int reads;

    public FakeDynamics() {
        for (CrmEntity entity : CrmEntity.values()) {
            tables.put(entity, new LinkedHashMap<>());
            deletions.put(entity, new ArrayList<>());
            Map<String, DynamicsAttribute> attributes = new LinkedHashMap<>();
            text(attributes, "emailaddress1", 100, "Email", "None");
            text(attributes, "firstname", 50, null, "None");
            text(attributes, "lastname", 50, null, entity == CrmEntity.CONTACT ? "ApplicationRequired" : "None");
            text(attributes, "jobtitle", 100, null, "None");
            text(attributes, "telephone1", 50, null, "None");
            if (entity == CrmEntity.LEAD) {
                text(attributes, "companyname", 100, null, "None");
                text(attributes, "subject", 300, null, "ApplicationRequired");
            }
            attributes.put("new_synctomkto", new DynamicsAttribute("new_synctomkto", "Boolean", null, null, "None",
                    true, true, null, null));
            attributes.put("statecode", new DynamicsAttribute("statecode", "State", null, null, "SystemRequired",
                    false, true, 0L, 2L));
            attributes.put("ownerid", new DynamicsAttribute("ownerid", "Owner", null, null, "None",
                    true, true, null, null));
            catalogue.put(entity, attributes);
        }
    }

    // ---- what a Dynamics user or admin (the test) does ---------------------------------------------------

    /** A record created in Dynamics (a user, an import); answers its id. Change tracking sees it. */
    public String insert(CrmEntity entity, Object... attributeValuePairs) {
        Row row = new Row(newId(), null);
        FakeMarketo.pairs(attributeValuePairs).forEach((a, v) -> put(row, a, v));
        if (entity == CrmEntity.LEAD) {
            row.values.putIfAbsent("statecode", 0L);
        }
        row.version = ++version;
        tables.get(entity).put(row.id, row);
        return row.id;
    }

    /** A Dynamics user edits a record. */
    public void edit(CrmEntity entity, String id, Object... attributeValuePairs) {
        Row row = existing(entity, id);
        FakeMarketo.pairs(attributeValuePairs).forEach((a, v) -> put(row, a, v));
        row.version = ++version;
    }

    public void delete(CrmEntity entity, String id) {
        recycleBin.put(DynamicsId.of(id), tables.get(entity).remove(DynamicsId.of(id)));
        deletions.get(entity).add(new Deletion(DynamicsId.of(id), ++version));
    }

    /** An admin restores a deleted record with its id (Dataverse's recycle bin); change tracking sees it again. */
    public void restore(CrmEntity entity, String id) {
        Row row = recycleBin.remove(DynamicsId.of(id));
        row.version = ++version;
        tables.get(entity).put(row.id, row);
    }

    /** The next `count` writes answer 429 inside the $batch, as a throttled Dataverse does. */
    public void throttleNextWrites(int count) {
        this.throttledWrites = count;
    }

    /** Every write of record `id` fails with a 500 inside the $batch while the others go through (a poison record). */
    public void poison(String id) {
        poisoned.add(DynamicsId.of(id));
    }

    public void cure(String id) {
        poisoned.remove(DynamicsId.of(id));
    }

    /** Leads and contacts get their `ownerid` lookup (docs/sync-rules.md R22); rows without a value have no owner. */
    public void ownerColumn() {
        for (CrmEntity entity : CrmEntity.values()) {
            catalogue.get(entity).put("ownerid", new DynamicsAttribute("ownerid", "Owner", null, null, "SystemRequired",
                    true, true, null, null));
        }
    }

    /** The table has no such column (a customer schema without new_synctomkto, say). */
    public void dropAttribute(CrmEntity entity, String attribute) {
        dropped.put(entity + "." + attribute, catalogue.get(entity).remove(attribute));
        tables.get(entity).values().forEach(r -> r.values.remove(attribute));
    }

    /** An admin creates a dropped column again: it is back in the metadata, empty on every row. */
    public void restoreAttribute(CrmEntity entity, String attribute) {
        catalogue.get(entity).put(attribute, dropped.remove(entity + "." + attribute));
    }

    /** A business rule or plug-in that refuses a value of `attribute` with Dynamics' own error code. */
    public void businessRule(CrmEntity entity, String attribute, Predicate<Object> allowed, String code, String message) {
        rules.add(new BusinessRule(entity, attribute, allowed, code, message));
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }

    // ---- what a test inspects ----------------------------------------------------------------------------

    public boolean exists(CrmEntity entity, String id) {
        return tables.get(entity).containsKey(DynamicsId.of(id));
    }

    public Object value(CrmEntity entity, String id, String attribute) {
        return existing(entity, id).values.get(attribute);
    }

    public Map<String, Object> row(CrmEntity entity, String id) {
        return new LinkedHashMap<>(existing(entity, id).values);
    }

    /** How many successful updates LeadSync (or QualifyLead) made to the record. */
    public int updatesOf(CrmEntity entity, String id) {
        return existing(entity, id).updates;
    }

    public int count(CrmEntity entity) {
        return tables.get(entity).size();
    }

    /** The contact a lead was qualified into, if any. */
    public Optional<String> contactQualifiedFrom(String leadId) {
        return tables.get(CrmEntity.CONTACT).values().stream()
                .filter(r -> DynamicsId.of(leadId).equals(r.originatingLeadId)).map(r -> r.id).findFirst();
    }

    /** Every create and update LeadSync sent through {@link #write}, refused ones included. */
    public List<DynamicsWrite> writesReceived() {
        return List.copyOf(writesReceived);
    }

    public int createCalls() {
        return createCalls;
    }

    /** How many times LeadSync read records by id or email (the change feed not counted). */
    public int reads() {
        return reads;
    }

    // ---- the port ----------------------------------------------------------------------------------------

    /** Delta links carry the generation they were handed out in; older generations are refused. */
    private int deltaGeneration;

    /** Every delta link handed out so far is refused from now on, as Dataverse does once it forgot them. */
    public void expireDeltaLinks() {
        deltaGeneration++;
    }

    private String deltaLink(CrmEntity entity, long upTo) {
        return "delta:" + entity.logicalName() + ":" + upTo + ":" + deltaGeneration;
    }

    @Override
    public RecordChanges changes(CrmEntity entity, Collection<String> attributes, String cursor) {
        for (String attribute : attributes) {
            if (!catalogue.get(entity).containsKey(attribute)) {
                throw new DynamicsValidationFailed("0x80060888", "Could not find a property named '" + attribute
                        + "' on type 'Microsoft.Dynamics.CRM." + entity.logicalName() + "'.", attribute);
            }
        }
        if (cursor == null || cursor.startsWith("next:")) {
            return fullRead(entity, attributes, cursor);
        }
        String[] parts = cursor.split(":");
        if (parts.length != 4 || !parts[0].equals("delta") || !parts[1].equals(entity.logicalName())) {
            throw new DynamicsNotFound("Unknown change tracking link " + cursor);
        }
        long since = Long.parseLong(parts[2]);
        if (Integer.parseInt(parts[3]) < deltaGeneration) {
            // Dataverse keeps change-tracking tokens for a limited time, then refuses them
            throw new DynamicsNotFound("Change tracking token expired: " + cursor);
        }
        List<Object> changed = new ArrayList<>();
        tables.get(entity).values().stream().filter(r -> r.version > since).forEach(changed::add);
        deletions.get(entity).stream().filter(d -> d.version() > since).forEach(changed::add);
        changed.sort((a, b) -> Long.compare(versionOf(a), versionOf(b)));
        List<Object> page = changed.subList(0, Math.min(pageSize, changed.size()));
        long upTo = page.isEmpty() ? since : versionOf(page.get(page.size() - 1));
        List<DynamicsRecord> rows = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Object item : page) {
            if (item instanceof Row row) {
                rows.add(record(entity, row, attributes));
            } else {
                deleted.add(((Deletion) item).id());
            }
        }
        return new RecordChanges(rows, deleted, deltaLink(entity, upTo), page.size() == changed.size());
    }

    /** The initial read: every current row, page by page, then a delta link from where the read began. */
    private RecordChanges fullRead(CrmEntity entity, Collection<String> attributes, String cursor) {
        int offset = 0;
        long token = version;
        if (cursor != null) {
            String[] parts = cursor.split(":");
            offset = Integer.parseInt(parts[2]);
            token = Long.parseLong(parts[3]);
        }
        List<Row> all = List.copyOf(tables.get(entity).values());
        int end = Math.min(all.size(), offset + pageSize);
        List<DynamicsRecord> rows = new ArrayList<>();
        for (Row row : all.subList(Math.min(offset, all.size()), end)) {
            rows.add(record(entity, row, attributes));
        }
        boolean last = end >= all.size();
        String next = last ? deltaLink(entity, token)
                : "next:" + entity.logicalName() + ":" + end + ":" + token;
        return new RecordChanges(rows, List.of(), next, last);
    }

    @Override
    public List<DynamicsRecord> byIds(CrmEntity entity, Collection<String> ids, Collection<String> attributes) {
        reads++;
        List<DynamicsRecord> found = new ArrayList<>();
        for (String id : ids) {
            Row row = tables.get(entity).get(DynamicsId.of(id));
            if (row != null) {
                found.add(record(entity, row, attributes));
            }
        }
        return found;
    }

    @Override
    public List<DynamicsRecord> byEmails(CrmEntity entity, Collection<String> emails, Collection<String> attributes) {
        reads++;
        List<String> wanted = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
        return tables.get(entity).values().stream()
                .filter(r -> r.values.get("emailaddress1") != null
                        && wanted.contains(r.values.get("emailaddress1").toString().toLowerCase(Locale.ROOT)))
                .map(r -> record(entity, r, attributes)).toList();
    }

    @Override
    public Optional<DynamicsRecord> openByEmail(CrmEntity entity, String email) {
        return byEmails(entity, List.of(email), List.of("emailaddress1", "statecode")).stream()
                .filter(r -> entity == CrmEntity.CONTACT || !Long.valueOf(1).equals(r.get("statecode")))
                .findFirst();
    }

    @Override
    public String create(CrmEntity entity, Map<String, String> values) {
        createCalls++;
        Map<String, Object> attributes = new LinkedHashMap<>(values);
        Optional<WriteOutcome> refused = check(entity, null, true, attributes);
        if (refused.isPresent()) {
            throw new DynamicsValidationFailed(refused.get().code(), refused.get().message(), refused.get().attribute());
        }
        Row row = new Row(newId(), null);
        attributes.forEach((a, v) -> put(row, a, v));
        if (entity == CrmEntity.LEAD) {
            row.values.putIfAbsent("statecode", 0L);
        }
        row.version = ++version;
        tables.get(entity).put(row.id, row);
        return row.id;
    }

    /** QualifyLead, CreateContact only: the lead becomes Qualified (a change of the lead), a new contact follows. */
    @Override
    public String qualify(String leadId) {
        Row lead = existing(CrmEntity.LEAD, leadId);
        if (Long.valueOf(1).equals(lead.values.get("statecode"))) {
            throw new DynamicsValidationFailed("0x8004d24d", "The lead is already closed.", null);
        }
        Row contact = new Row(newId(), lead.id);
        for (String attribute : List.of("emailaddress1", "firstname", "lastname", "jobtitle", "telephone1", "ownerid")) {
            if (lead.values.get(attribute) != null) {
                contact.values.put(attribute, lead.values.get(attribute));
            }
        }
        contact.version = ++version;
        tables.get(CrmEntity.CONTACT).put(contact.id, contact);
        lead.values.put("statecode", 1L);
        lead.values.put("statuscode", 3L);
        lead.updates++;
        lead.version = ++version;
        return contact.id;
    }

    @Override
    public List<WriteOutcome> write(List<DynamicsWrite> writes) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (DynamicsWrite write : writes) {
            writesReceived.add(write);
            if (write.id() != null && poisoned.contains(DynamicsId.of(write.id()))) {
                outcomes.add(new WriteOutcome(WriteOutcome.Kind.TRANSIENT, write.id(), "0x80040216",
                        "An unexpected error occurred in a plug-in.", null));
                continue;
            }
            if (throttledWrites > 0) {
                throttledWrites--;
                outcomes.add(new WriteOutcome(WriteOutcome.Kind.TRANSIENT, write.id(), "0x80072322",
                        "Number of requests exceeded the limit of 6000 over time window of 300 seconds.", null));
                continue;
            }
            Map<String, Object> attributes = new LinkedHashMap<>(write.attributes());
            if (write.isCreate()) {
                Optional<WriteOutcome> refused = check(write.entity(), null, true, attributes);
                outcomes.add(refused.orElseGet(() -> WriteOutcome.success(create(write.entity(), write.attributes()))));
                continue;
            }
            Row row = tables.get(write.entity()).get(DynamicsId.of(write.id()));
            if (row == null) {
                outcomes.add(new WriteOutcome(WriteOutcome.Kind.NOT_FOUND, write.id(), "0x80040217",
                        write.entity().logicalName() + " With Id = " + write.id() + " Does Not Exist", null));
                continue;
            }
            Optional<WriteOutcome> refused = check(write.entity(), write.id(), false, attributes);
            if (refused.isPresent()) {
                outcomes.add(refused.get());
                continue;
            }
            attributes.forEach((a, v) -> put(row, a, v));
            row.updates++;
            row.version = ++version; // every PATCH is a change, even one that sets the same values
            outcomes.add(WriteOutcome.success(row.id));
        }
        return outcomes;
    }

    @Override
    public List<DynamicsAttribute> attributes(CrmEntity entity) {
        return List.copyOf(catalogue.get(entity).values());
    }

    @Override
    public DynamicsAttribute attribute(CrmEntity entity, String logicalName) {
        return catalogue.get(entity).get(logicalName);
    }

    @Override
    public void forgetAttributes() {
    }

    // ---- inside ------------------------------------------------------------------------------------------

    /** R17 as the connector documents it: the metadata check first, then Dynamics' own business rules. */
    private Optional<WriteOutcome> check(CrmEntity entity, String id, boolean create, Map<String, Object> values) {
        Map<String, DynamicsAttribute> attributes = catalogue.get(entity);
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            DynamicsAttribute attribute = attributes.get(name);
            if (attribute == null) {
                return refuse(id, "unknown-attribute", name + " is not an attribute of " + entity.logicalName(), name);
            }
            boolean empty = value == null || value.toString().isEmpty();
            if (empty && attribute.required() && !create) {
                return refuse(id, "required", name + " is required (" + attribute.requiredLevel() + ") and cannot be cleared", name);
            }
            if (!empty && attribute.maxLength() != null && value.toString().length() > attribute.maxLength()) {
                return refuse(id, "max-length", name + " is " + value.toString().length()
                        + " characters long, more than MaxLength " + attribute.maxLength(), name);
            }
            if (!empty && "Email".equals(attribute.format()) && !EMAIL.matcher(value.toString()).matches()) {
                return refuse(id, "format", name + " is not an email address: " + value, name);
            }
        }
        if (create) {
            for (DynamicsAttribute attribute : attributes.values()) {
                Object value = values.get(attribute.logicalName());
                if (attribute.required() && !"State".equals(attribute.attributeType())
                        && (value == null || value.toString().isEmpty())) {
                    return refuse(id, "required", attribute.logicalName() + " is required ("
                            + attribute.requiredLevel() + ") and has no value", attribute.logicalName());
                }
            }
        }
        for (BusinessRule rule : rules) {
            if (rule.entity() == entity && values.containsKey(rule.attribute()) && !rule.allowed().test(values.get(rule.attribute()))) {
                return refuse(id, rule.code(), rule.message(), rule.attribute());
            }
        }
        return Optional.empty();
    }

    private static Optional<WriteOutcome> refuse(String id, String code, String message, String attribute) {
        return Optional.of(new WriteOutcome(WriteOutcome.Kind.VALIDATION_FAILED, id, code, message, attribute));
    }

    /** The record as a read answers it: the selected attributes (null where empty), and the originating lead. */
    private static DynamicsRecord record(CrmEntity entity, Row row, Collection<String> select) {
        Map<String, Object> values = new LinkedHashMap<>();
        select.forEach(a -> values.put(a, row.values.get(a)));
        return new DynamicsRecord(row.id, "W/\"" + row.version + "\"", Instant.EPOCH.plusSeconds(row.version), values,
                entity == CrmEntity.CONTACT ? row.originatingLeadId : null);
    }

    /** Values are kept typed as the Web API returns them: text, whole numbers (Long) and booleans. */
    private void put(Row row, String attribute, Object value) {
        if (value == null || "".equals(value)) {
            row.values.remove(attribute);
        } else if ("new_synctomkto".equals(attribute) && !(value instanceof Boolean)) {
            row.values.put(attribute, Boolean.valueOf(value.toString()));
        } else {
            row.values.put(attribute, value);
        }
    }

    private Row existing(CrmEntity entity, String id) {
        Row row = tables.get(entity).get(DynamicsId.of(id));
        if (row == null) {
            throw new IllegalArgumentException("No " + entity.logicalName() + " " + id);
        }
        return row;
    }

    private static long versionOf(Object item) {
        return item instanceof Row row ? row.version : ((Deletion) item).version();
    }

    private String newId() {
        return UUID.nameUUIDFromBytes(("record-" + nextId++).getBytes()).toString();
    }

    private static void text(Map<String, DynamicsAttribute> attributes, String name, int maxLength, String format,
                             String requiredLevel) {
        attributes.put(name, new DynamicsAttribute(name, "String", format, maxLength, requiredLevel, true, true, null, null));
    }

    @Override
    public String toString() {
        return "FakeDynamics" + tables;
    }
}
