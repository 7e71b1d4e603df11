package org.leadsync.sandbox.marketo;

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
import java.util.Random;
import java.util.function.Predicate;

/**
 * The emulated lead database and its activity log, in memory. One lock: every write changes both
 * persons and activities, and the log must stay in id order for the paging tokens (docs/sandbox.md, Marketo).
 */
final class PersonStore {

    /** Compiled once: String.matches compiled the pattern again for every email written. */
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");

    private static final List<String> FIRST = List.of("Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Edsger", "Frances");
    private static final List<String> LAST = List.of("Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson", "Dijkstra", "Allen");

    private final Clock clock;
    private final SalesPersonStore salesPersons;
    private final Map<Long, Map<String, Object>> persons = new HashMap<>();
    /** Lookup indexes by lower-cased value: email, and msftId (LeadSync finds the person of a record by it). */
    private final Map<String, Map<String, List<Long>>> indexes = Map.of("email", new HashMap<>(), "msftId", new HashMap<>());
    private final List<Activity> activities = new ArrayList<>();
    private long nextPersonId = 1;
    private long nextActivityId = 1;

    PersonStore(Clock clock) {
        this(clock, new SalesPersonStore(clock));
    }

    PersonStore(Clock clock, SalesPersonStore salesPersons) {
        this.clock = clock;
        this.salesPersons = salesPersons;
    }

    SalesPersonStore salesPersons() {
        return salesPersons;
    }

    synchronized void reset() {
        persons.clear();
        salesPersons.reset();
        indexes.values().forEach(Map::clear);
        activities.clear();
        nextPersonId = 1;
        // activity ids keep growing, as Marketo's positions in time do: a paging token issued before a reset
        // must not skip the activities that come after it
    }

    synchronized int personCount() {
        return persons.size();
    }

    synchronized int activityCount() {
        return activities.size();
    }

    /** `id`, `msftId` and `msftType` of every person carrying a CRM id, by id. */
    synchronized List<Map<String, Object>> linked() {
        List<Map<String, Object>> out = new ArrayList<>();
        persons.forEach((id, values) -> {
            Object msftId = values.get("msftId");
            if (msftId != null && !msftId.toString().isEmpty() && !"true".equals(String.valueOf(values.get("msftIsDeleted")))) {
                Map<String, Object> linked = new LinkedHashMap<>();
                linked.put("id", id);
                linked.put("msftId", msftId.toString());
                linked.put("msftType", String.valueOf(values.get("msftType")));
                out.add(linked);
            }
        });
        out.sort(java.util.Comparator.comparingLong(m -> (Long) m.get("id")));
        return out;
    }

    /** Generated persons, the same for the same seed (docs/sandbox.md, POST /seed). */
    synchronized void seed(int count, long seed, java.util.function.IntFunction<String> email) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("email", email.apply(i));
            values.put("firstName", FIRST.get(random.nextInt(FIRST.size())));
            values.put("lastName", LAST.get(random.nextInt(LAST.size())));
            values.put("company", "Company " + random.nextInt(1000));
            values.put("leadSource", "Seed");
            if (lookup("email", email.apply(i)).isEmpty()) {
                create(values);
            }
        }
    }

    synchronized List<Map<String, Object>> find(String filterType, Collection<String> values) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String value : values) {
            for (Long id : lookup(filterType, value)) {
                Map<String, Object> person = new LinkedHashMap<>(persons.get(id));
                // the Lead Owner fields are lookups: they show the sales person externalSalesPersonId names, now
                person.putAll(salesPersons.ownerFieldsOf(person.get("externalSalesPersonId")));
                found.add(person);
            }
        }
        return found;
    }

    synchronized List<RecordResult> sync(String action, String lookupField, List<Map<String, Object>> input) {
        List<RecordResult> results = new ArrayList<>(input.size());
        for (Map<String, Object> record : input) {
            results.add(syncOne(action, lookupField, record));
        }
        return results;
    }

    private RecordResult syncOne(String action, String lookupField, Map<String, Object> record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : record.entrySet()) {
            MarketoField field = FieldCatalogue.find(entry.getKey());
            if (field == null) {
                return RecordResult.skipped(null, "1006", "Field '" + entry.getKey() + "' not found");
            }
            if (field.readOnly() && !field.name().equals(lookupField)) {
                return RecordResult.skipped(null, "1003", "Field '" + field.name() + "' is read only");
            }
            try {
                values.put(field.name(), normalise(field, entry.getValue()));
            } catch (IllegalArgumentException e) {
                return RecordResult.skipped(null, "1003", e.getMessage());
            }
        }
        Object key = values.get(lookupField);
        if (key == null) {
            return RecordResult.skipped(null, "1003", "Value for lookup field '" + lookupField + "' not specified");
        }
        List<Long> matches = lookup(lookupField, String.valueOf(key));
        if (matches.size() > 1) {
            return RecordResult.skipped(null, "1007", "Multiple lead match lookup criteria");
        }
        Long existing = matches.isEmpty() ? null : matches.get(0);
        if (existing != null && action.equals("createOnly")) {
            return RecordResult.skipped(null, "1005", "Lead already exists");
        }
        if (existing == null && action.equals("updateOnly")) {
            return RecordResult.skipped(null, "1004", "Lead not found");
        }
        if (existing == null) {
            return RecordResult.ok(create(values), "created"); // Marketo does not require an email
        }
        values.remove("id");
        update(existing, values);
        return RecordResult.ok(existing, "updated");
    }

    private static Object normalise(MarketoField field, Object value) {
        if (value == null) {
            return null;
        }
        switch (field.dataType()) {
            case "boolean":
                if (value instanceof Boolean) {
                    return value;
                }
                if ("true".equalsIgnoreCase(value.toString()) || "false".equalsIgnoreCase(value.toString())) {
                    return Boolean.valueOf(value.toString());
                }
                throw new IllegalArgumentException("Invalid value for field '" + field.name() + "'");
            case "integer":
                try {
                    return Long.valueOf(value.toString());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid value for field '" + field.name() + "'");
                }
            default:
                String text = value.toString();
                if (field.length() != null && text.length() > field.length()) {
                    throw new IllegalArgumentException("Value for field '" + field.name()
                            + "' exceeds maximum length of " + field.length());
                }
                if (field.dataType().equals("email") && !text.isEmpty() && !EMAIL.matcher(text).matches()) {
                    throw new IllegalArgumentException("Invalid email address '" + text + "'");
                }
                return text;
        }
    }

    private List<Long> lookup(String field, String value) {
        if (field.equals("id")) {
            try {
                Long id = Long.valueOf(value.trim());
                return persons.containsKey(id) ? List.of(id) : List.of();
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        if (indexes.containsKey(field)) {
            return List.copyOf(indexes.get(field).getOrDefault(value.trim().toLowerCase(Locale.ROOT), List.of()));
        }
        List<Long> found = new ArrayList<>();
        persons.forEach((id, person) -> {
            if (Objects.equals(String.valueOf(person.get(field)), value)) {
                found.add(id);
            }
        });
        return found;
    }

    private long create(Map<String, Object> values) {
        long id = nextPersonId++;
        String now = MarketoTime.format(now());
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", id);
        values.forEach((k, v) -> {
            if (!k.equals("id")) {
                person.put(k, v);
            }
        });
        person.put("createdAt", now);
        person.put("updatedAt", now);
        persons.put(id, person);
        indexes.keySet().forEach(field -> index(field, id, null, person.get(field)));
        String name = (Objects.toString(person.get("firstName"), "") + " " + Objects.toString(person.get("lastName"), "")).trim();
        append(id, Activity.NEW_LEAD, name, List.of(), ordered("Source Type", "Web service API"));
        return id;
    }

    private void update(long id, Map<String, Object> values) {
        Map<String, Object> person = persons.get(id);
        boolean changed = false;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Object old = person.get(entry.getKey());
            if (Objects.equals(old, entry.getValue())) {
                continue;
            }
            changed = true;
            person.put(entry.getKey(), entry.getValue());
            if (indexes.containsKey(entry.getKey())) {
                index(entry.getKey(), id, old, entry.getValue());
            }
            MarketoField field = FieldCatalogue.find(entry.getKey());
            // Marketo logs one Change Data Value activity per changed field
            append(id, Activity.CHANGE_DATA_VALUE, field.displayName(),
                    List.of(new Activity.Change(field.id(), field.name(), render(entry.getValue()), render(old))),
                    ordered("Reason", "Web service API", "Source", "Web service API", "Lead ID", id));
        }
        if (changed) {
            person.put("updatedAt", MarketoTime.format(now()));
        }
    }

    /** Attributes keep Marketo's documented order (Reason, Source, Lead ID). */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String render(Object value) {
        return value == null ? null : value.toString();
    }

    private void index(String field, long id, Object oldValue, Object newValue) {
        Map<String, List<Long>> index = indexes.get(field);
        if (oldValue != null) {
            String key = oldValue.toString().toLowerCase(Locale.ROOT);
            List<Long> ids = index.get(key);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    index.remove(key);
                }
            }
        }
        if (newValue != null) {
            index.computeIfAbsent(newValue.toString().toLowerCase(Locale.ROOT), e -> new ArrayList<>(1)).add(id);
        }
    }

    synchronized List<RecordResult> delete(List<Long> ids) {
        List<RecordResult> results = new ArrayList<>();
        for (Long id : ids) {
            Map<String, Object> person = id == null ? null : persons.remove(id);
            if (person == null) {
                results.add(RecordResult.skipped(id, "1004", "Lead not found"));
                continue;
            }
            indexes.keySet().forEach(field -> index(field, id, person.get(field), null));
            append(id, Activity.DELETE_LEAD, Objects.toString(person.get("email"), ""), List.of(),
                    ordered("Removed from", "Web service API"));
            results.add(RecordResult.ok(id, "deleted"));
        }
        return results;
    }

    /** Adds a custom activity (activities/external.json) to an existing person. */
    synchronized RecordResult addCustom(long leadId, Instant date, int typeId, String primary, Map<String, Object> attributes) {
        if (!persons.containsKey(leadId)) {
            return RecordResult.skipped(null, "1004", "Lead not found");
        }
        return RecordResult.ok(append(leadId, typeId, primary, List.of(), attributes, date), "added");
    }

    private long append(long leadId, int typeId, String primary, List<Activity.Change> changes, Map<String, Object> attributes) {
        return append(leadId, typeId, primary, changes, attributes, now());
    }

    private long append(long leadId, int typeId, String primary, List<Activity.Change> changes,
                        Map<String, Object> attributes, Instant date) {
        long id = nextActivityId++;
        activities.add(new Activity(id, leadId, date, typeId, primary, changes, attributes));
        return id;
    }

    /** The position a paging token taken at `since` stands for: the last activity logged at or before it. */
    synchronized long positionAt(Instant since) {
        int low = 0;
        int high = activities.size() - 1;
        long position = activities.isEmpty() ? nextActivityId - 1 : activities.get(0).id() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Activity a = activities.get(mid);
            if (!a.date().isAfter(since)) {
                position = a.id();
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return position;
    }

    /**
     * Up to `batchSize` matching activities after `position`, looking at no more than `scanLimit`
     * entries: like Marketo, a page may hold fewer than batchSize while more are waiting.
     */
    synchronized ActivityPage read(long position, Predicate<Activity> wanted, int batchSize, int scanLimit) {
        int start = firstAfter(position);
        List<Activity> found = new ArrayList<>();
        long reached = position;
        int scanned = 0;
        int i = start;
        for (; i < activities.size() && found.size() < batchSize && scanned < scanLimit; i++, scanned++) {
            Activity a = activities.get(i);
            reached = a.id();
            if (wanted.test(a)) {
                found.add(a);
            }
        }
        return new ActivityPage(found, reached, i < activities.size());
    }

    private int firstAfter(long position) {
        int low = 0;
        int high = activities.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (activities.get(mid).id() <= position) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private Instant now() {
        return clock.instant();
    }
}
