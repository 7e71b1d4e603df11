package org.leadsync.sync.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.leadsync.connector.DailyCallCap;
import org.leadsync.port.CallPriority;
import org.leadsync.port.CrmFields;
import org.leadsync.port.MarketoBudgetSpent;
import org.leadsync.port.CustomActivity;
import org.leadsync.port.FieldChange;
import org.leadsync.port.MarketoFieldInfo;
import org.leadsync.port.MarketoBulkPersons;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;
import org.leadsync.port.PersonChange;
import org.leadsync.port.PersonChanges;
import org.leadsync.port.PersonUpdate;
import org.leadsync.port.RecordOutcome;

/**
 * Marketo's lead database in memory, behaving as {@link MarketoPersons} documents it: persons with ids, an
 * activity log that records a New Lead on every create and one Change Data Value per changed field on every
 * write (a test's edit or LeadSync's own, so echoes come back through the feed), deletions in their own log,
 * paging cursors, createOnly deduplicated on the email (msftId without one) and per-record skips with Marketo's reason codes.
 */
public final class FakeMarketo implements MarketoPersons, MarketoBulkPersons {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private record Activity(long personId, Instant at, PersonChange.Kind kind, FieldChange change) {
    }

    private record Deletion(long personId, Instant at) {
    }

    private final Clock clock;
    private final TreeMap<Long, Map<String, Object>> persons = new TreeMap<>();
    private final List<Activity> activities = new ArrayList<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private final List<PersonUpdate> updatesReceived = new ArrayList<>();
    private final List<Map<String, Object>> createsReceived = new ArrayList<>();
    private final Map<String, RuntimeException> failNext = new HashMap<>();
    private final Map<Long, Instant> createdAt = new HashMap<>();
    private final Map<Long, Instant> changedAt = new HashMap<>();
    private int bulkImports;
    private int restCreates;
    private int bulkReads;
    private long nextPersonId = 1001;
    private int pageSize = 300;
    private int reads;
    private int changeReads;
    private Runnable beforeNextCreate;
    private DailyCallCap dailyCap;
    private final Map<CallPriority, Integer> callsByPriority = new java.util.EnumMap<>(CallPriority.class);

    public FakeMarketo(Clock clock) {
        this.clock = clock;
    }

    // ---- what a Marketo user (the test) does ------------------------------------------------------------

    /** A person created in Marketo (a form fill, an import): logged as a New Lead activity. */
    public long addPerson(Object... fieldValuePairs) {
        return create(pairs(fieldValuePairs));
    }

    /** A Marketo user edits a person: one Change Data Value activity per field whose value changes. */
    public void edit(long personId, Object... fieldValuePairs) {
        apply(personId, pairs(fieldValuePairs));
    }

    public void deletePerson(long personId) {
        persons.remove(personId);
        deletions.add(new Deletion(personId, clock.instant()));
    }

    /** The next call of `method` (a port method name) fails with `failure`, as a dead connection would. */
    public void failNext(String method, RuntimeException failure) {
        failNext.put(method, failure);
    }

    /** Runs `action` when LeadSync next asks to create persons, before Marketo handles the call (a race). */
    public void beforeNextCreate(Runnable action) {
        this.beforeNextCreate = action;
    }

    /** Every later port call spends one call of the calling thread's priority from `cap`, as the gateway does. */
    public void spendFrom(DailyCallCap cap) {
        this.dailyCap = cap;
    }

    /** How many port calls LeadSync made with each priority (docs/sync-rules.md R21). */
    public Map<CallPriority, Integer> callsByPriority() {
        return Map.copyOf(callsByPriority);
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }

    // ---- what a test inspects ----------------------------------------------------------------------------

    /** The person's current fields, or null when there is no such person. */
    public Map<String, Object> person(long id) {
        Map<String, Object> person = persons.get(id);
        return person == null ? null : new LinkedHashMap<>(person);
    }

    public Object value(long id, String field) {
        return persons.get(id).get(field);
    }

    /** Ids of the persons whose `field` equals `value` (case-insensitively, as Marketo's lookups compare). */
    public List<Long> idsWhere(String field, Object value) {
        List<Long> ids = new ArrayList<>();
        persons.forEach((id, person) -> {
            if (person.get(field) != null && person.get(field).toString().equalsIgnoreCase(value.toString())) {
                ids.add(id);
            }
        });
        return ids;
    }

    public int personCount() {
        return persons.size();
    }

    /** Every update LeadSync sent, skipped ones included. */
    public List<PersonUpdate> updatesReceived() {
        return List.copyOf(updatesReceived);
    }

    /** Every person LeadSync asked to create, skipped ones included. */
    public List<Map<String, Object>> createsReceived() {
        return List.copyOf(createsReceived);
    }

    /** How many pages of the change feed LeadSync read. */
    public int changeReads() {
        return changeReads;
    }

    /** How many times LeadSync read persons (by id, email or msftId). */
    public int reads() {
        return reads;
    }

    // ---- the port ----------------------------------------------------------------------------------------

    /** A position after every activity logged at or before `since`: earlier activity is not imported (R5). */
    @Override
    public String startCursor(Instant since) {
        maybeFail("startCursor");
        int changes = (int) activities.stream().filter(a -> !a.at().isAfter(since)).count();
        int deleted = (int) deletions.stream().filter(d -> !d.at().isAfter(since)).count();
        return cursor(changes, deleted);
    }

    /** New Lead and Change Data Value activities of the asked-for fields; deletions once changes are drained. */
    @Override
    public PersonChanges readChanges(String cursor, Collection<String> fields) {
        maybeFail("readChanges");
        changeReads++;
        String[] parts = cursor.split(":");
        if (parts.length != 2 || !parts[0].startsWith("c") || !parts[1].startsWith("d")) {
            throw new IllegalArgumentException("Not a paging token: " + cursor);
        }
        int position = Integer.parseInt(parts[0].substring(1));
        int deletedPosition = Integer.parseInt(parts[1].substring(1));
        List<PersonChange> found = new ArrayList<>();
        int i = position;
        for (; i < activities.size() && found.size() < pageSize; i++) {
            Activity a = activities.get(i);
            if (a.kind() == PersonChange.Kind.CREATED) {
                found.add(new PersonChange(i + 1, a.personId(), a.kind(), a.at(), List.of()));
            } else if (fields.contains(a.change().field())) {
                found.add(new PersonChange(i + 1, a.personId(), a.kind(), a.at(), List.of(a.change())));
            }
        }
        boolean more = i < activities.size();
        List<Long> deleted = new ArrayList<>();
        int d = deletedPosition;
        if (!more) {
            for (; d < deletions.size() && deleted.size() < pageSize; d++) {
                deleted.add(deletions.get(d).personId());
            }
            // more deletions wait for the next cycle: one deletions read per cycle (docs/sync-rules.md R5)
        }
        Instant readUpTo = found.stream().map(PersonChange::at).max(Instant::compareTo).orElse(clock.instant());
        return new PersonChanges(found, deleted, cursor(i, d), more, readUpTo);
    }

    @Override
    public List<MarketoPerson> findByIds(Collection<Long> ids, Collection<String> fields) {
        maybeFail("findByIds");
        reads++;
        List<MarketoPerson> found = new ArrayList<>();
        for (Long id : ids) {
            if (persons.containsKey(id)) {
                found.add(new MarketoPerson(id, select(persons.get(id), fields)));
            }
        }
        return found;
    }

    @Override
    public List<MarketoPerson> findByEmails(Collection<String> emails, Collection<String> fields) {
        maybeFail("findByEmails");
        reads++;
        List<String> wanted = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
        return where(p -> p.get("email") != null && wanted.contains(p.get("email").toString().toLowerCase(Locale.ROOT)), fields);
    }

    @Override
    public List<MarketoPerson> findByDynamicsIds(Collection<String> dynamicsIds, Collection<String> fields) {
        maybeFail("findByDynamicsIds");
        reads++;
        List<String> wanted = dynamicsIds.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
        return where(p -> p.get(CrmFields.ID) != null && wanted.contains(p.get(CrmFields.ID).toString().toLowerCase(Locale.ROOT)), fields);
    }

    /** createOnly with lookupField=msftId: a second person for the same msftId is skipped with 1005. */
    @Override
    public List<RecordOutcome> createPersons(List<Map<String, Object>> newPersons) {
        maybeFail("createPersons");
        restCreates++;
        if (beforeNextCreate != null) {
            Runnable action = beforeNextCreate;
            beforeNextCreate = null;
            action.run();
        }
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < newPersons.size(); i++) {
            Map<String, Object> values = new LinkedHashMap<>(newPersons.get(i));
            createsReceived.add(values);
            // createOnly deduplicated on the email, or on msftId for a person without one (MarketoPersons)
            Object email = values.get("email");
            String lookupField = email != null && !email.toString().isEmpty() ? "email" : CrmFields.ID;
            Object key = values.get(lookupField);
            String invalid = invalid(values);
            int matches = key == null ? 0 : idsWhere(lookupField, key).size();
            if (invalid != null) {
                outcomes.add(new RecordOutcome(i, null, RecordOutcome.Status.SKIPPED, "1003", invalid));
            } else if (key == null) {
                outcomes.add(new RecordOutcome(i, null, RecordOutcome.Status.SKIPPED, "1003",
                        "Value for lookup field '" + lookupField + "' not specified"));
            } else if (matches > 1) {
                outcomes.add(new RecordOutcome(i, null, RecordOutcome.Status.SKIPPED, "1007", "Multiple lead match lookup criteria"));
            } else if (matches == 1) {
                outcomes.add(new RecordOutcome(i, null, RecordOutcome.Status.SKIPPED, "1005", "Lead already exists"));
            } else {
                outcomes.add(new RecordOutcome(i, create(values), RecordOutcome.Status.CREATED, null, null));
            }
        }
        return outcomes;
    }

    /** updateOnly by id: an unknown person is skipped with 1004, an invalid value with 1003. */
    @Override
    public List<RecordOutcome> updatePersons(List<PersonUpdate> updates) {
        maybeFail("updatePersons");
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            PersonUpdate update = updates.get(i);
            updatesReceived.add(update);
            String invalid = invalid(update.fields());
            if (!persons.containsKey(update.personId())) {
                outcomes.add(new RecordOutcome(i, null, RecordOutcome.Status.SKIPPED, "1004", "Lead not found"));
            } else if (invalid != null) {
                outcomes.add(new RecordOutcome(i, null, RecordOutcome.Status.SKIPPED, "1003", invalid));
            } else {
                apply(update.personId(), update.fields());
                outcomes.add(new RecordOutcome(i, update.personId(), RecordOutcome.Status.UPDATED, null, null));
            }
        }
        return outcomes;
    }

    /** Bulk Lead Import as Marketo documents it: insert or update by email; a refused row is reported by its msftId. */
    @Override
    public ImportOutcome importPersons(List<Map<String, Object>> imported) {
        maybeFail("importPersons");
        bulkImports++;
        Map<String, String> failed = new LinkedHashMap<>();
        int processed = 0;
        for (Map<String, Object> row : imported) {
            Map<String, Object> values = new LinkedHashMap<>(row);
            createsReceived.add(values);
            String recordId = String.valueOf(values.get(CrmFields.ID));
            String invalid = invalid(values);
            List<Long> matches = values.get("email") == null ? List.of() : idsWhere("email", values.get("email"));
            if (invalid != null) {
                failed.put(recordId, invalid);
            } else if (matches.size() > 1) {
                failed.put(recordId, "Multiple lead match lookup criteria");
            } else if (matches.size() == 1) {
                apply(matches.get(0), values);
                processed++;
            } else {
                create(values);
                processed++;
            }
        }
        return new ImportOutcome(1, processed, failed, Map.of());
    }

    @Override
    public void readPersons(Since since, Instant from, Instant to, Collection<String> fields,
                            java.util.function.Consumer<MarketoPerson> each) {
        maybeFail("readPersons");
        bulkReads++;
        Map<Long, Instant> times = since == Since.CREATED ? createdAt : changedAt;
        new ArrayList<>(persons.keySet()).forEach(id -> {
            Instant at = times.get(id);
            if (at != null && !at.isBefore(from) && !at.isAfter(to)) {
                each.accept(new MarketoPerson(id, select(persons.get(id), fields)));
            }
        });
    }

    /** How many import jobs and how many extracts LeadSync made. */
    public int bulkImports() {
        return bulkImports;
    }

    public int bulkReads() {
        return bulkReads;
    }

    /** How many createPersons (REST createOnly) calls LeadSync made. */
    public int restCreates() {
        return restCreates;
    }

    @Override
    public List<MarketoFieldInfo> describe() {
        return List.of();
    }

    @Override
    public OptionalInt configuredActivityType() {
        return OptionalInt.empty();
    }

    @Override
    public List<RecordOutcome> pushActivities(List<CustomActivity> pushed) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < pushed.size(); i++) {
            outcomes.add(new RecordOutcome(i, pushed.get(i).personId(), RecordOutcome.Status.ADDED, null, null));
        }
        return outcomes;
    }

    // ---- inside ------------------------------------------------------------------------------------------

    private long create(Map<String, Object> values) {
        long id = nextPersonId++;
        Map<String, Object> person = new LinkedHashMap<>();
        values.forEach((field, value) -> person.put(field, typed(field, value)));
        persons.put(id, person);
        Instant at = clock.instant();
        createdAt.put(id, at);
        changedAt.put(id, at);
        activities.add(new Activity(id, at, PersonChange.Kind.CREATED, null));
        return id;
    }

    private void apply(long id, Map<String, Object> values) {
        Map<String, Object> person = persons.get(id);
        if (person == null) {
            throw new IllegalArgumentException("No person " + id);
        }
        values.forEach((field, raw) -> {
            Object value = typed(field, raw);
            Object old = person.get(field);
            if (!Objects.equals(render(old), render(value))) {
                person.put(field, value);
                changedAt.put(id, clock.instant());
                activities.add(new Activity(id, clock.instant(), PersonChange.Kind.CHANGED,
                        new FieldChange(field, render(old), render(value))));
            }
        });
    }

    /** Marketo keeps booleans as booleans and an empty string as no value. */
    private static Object typed(String field, Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (CrmFields.DELETED.equals(field) && !(value instanceof Boolean)) {
            return Boolean.valueOf(value.toString());
        }
        return value;
    }

    private static String invalid(Map<String, Object> values) {
        Object email = values.get("email");
        if (email != null && !email.toString().isEmpty() && !EMAIL.matcher(email.toString()).matches()) {
            return "Invalid email address '" + email + "'";
        }
        return null;
    }

    private List<MarketoPerson> where(java.util.function.Predicate<Map<String, Object>> test, Collection<String> fields) {
        List<MarketoPerson> found = new ArrayList<>();
        persons.forEach((id, person) -> {
            if (test.test(person)) {
                found.add(new MarketoPerson(id, select(person, fields)));
            }
        });
        return found;
    }

    /** Marketo answers the asked-for fields, null where the person has no value. */
    private static Map<String, Object> select(Map<String, Object> person, Collection<String> fields) {
        Map<String, Object> selected = new HashMap<>();
        fields.forEach(f -> selected.put(f, person.get(f)));
        return selected;
    }

    private static String render(Object value) {
        return value == null ? null : value.toString();
    }

    private void maybeFail(String method) {
        CallPriority priority = CallPriority.current();
        callsByPriority.merge(priority, 1, Integer::sum);
        if (dailyCap != null) { // as the connector's gateway spends it (docs/sync-rules.md R21, Daily cap)
            String name = priority.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (!dailyCap.take(name)) {
                throw new MarketoBudgetSpent(priority, "daily cap spent for " + name);
            }
        }
        RuntimeException failure = failNext.remove(method);
        if (failure != null) {
            throw failure;
        }
    }

    private static String cursor(int changes, int deleted) {
        return "c" + changes + ":d" + deleted;
    }

    static Map<String, Object> pairs(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }
}
