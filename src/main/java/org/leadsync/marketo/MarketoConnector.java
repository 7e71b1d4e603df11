package org.leadsync.marketo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.connector.JsonFactory;
import org.leadsync.port.CrmFields;
import org.leadsync.port.CustomActivity;
import org.leadsync.port.FieldChange;
import org.leadsync.port.MarketoFieldInfo;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;
import org.leadsync.port.MarketoRejected;
import org.leadsync.port.PersonChange;
import org.leadsync.port.PersonChanges;
import org.leadsync.port.PersonUpdate;
import org.leadsync.port.RecordOutcome;

/**
 * LeadSync's view of Marketo: persons, their change feed, the field catalogue and custom activities,
 * in plain Java records: the {@link MarketoPersons} port over Marketo's REST API, the only code besides the
 * gateway that knows its wire format (docs/architecture.md).
 */
@ApplicationScoped
public class MarketoConnector implements MarketoPersons {

    private static final Logger LOG = Logger.getLogger(MarketoConnector.class.getName());

    /** How far before its position a feed whose paging token was refused reads again (activity times are seconds). */
    static final Duration OVERLAP = Duration.ofSeconds(60);

    /** How many refused tokens in a row one read obtains again before it gives up (a fresh token is rarely refused). */
    static final int TOKEN_REFUSALS = 3;

    /** Marketo takes and answers at most 300 records per call. */
    static final int BATCH = 300;

    /** A deletions answer standing for "not read this time": no rows, the token unchanged. */
    private static final JsonObject NOTHING = JsonFactory.JSON.createObjectBuilder().add("result", JsonFactory.JSON.createArrayBuilder()).build();

    private static final DateTimeFormatter ACTIVITY_DATE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter();

    @Inject
    MarketoGateway gateway;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.activity-type-id")
    java.util.Optional<Integer> activityTypeId;

    /** The cursor for changes after `since` (a paging token; both feeds start at the same position). */
    @Override
    public String startCursor(Instant since) {
        return ChangeCursor.startingAt(pagingToken(since), since).encode();
    }

    private String pagingToken(Instant since) {
        String at = since.truncatedTo(ChronoUnit.SECONDS).toString();
        return gateway.call("pagingtoken", api -> bearer -> api.pagingToken(bearer, at)).getString("nextPageToken");
    }

    /**
     * The next page of changes to `fields` and of deletions after `cursor`. A paging token Marketo
     * refuses (unknown, expired) is obtained again from the cursor's position minus {@link #OVERLAP};
     * activities the overlap reads twice are dropped by their id (docs/sync-rules.md R5, R6).
     */
    @Override
    public PersonChanges readChanges(String cursor, Collection<String> fields) {
        ChangeCursor position = ChangeCursor.decode(cursor);
        for (int refusals = 1; ; refusals++) {
            try {
                return readFrom(position, fields);
            } catch (MarketoRejected refused) {
                if (refusals > TOKEN_REFUSALS) {
                    throw refused; // the cycle fails; the committed cursor still holds the position (R6)
                }
                LOG.warning("Marketo refused the paging token (" + refused.getMessage() + "); reading again from "
                        + position.readUpTo().minus(OVERLAP));
                position = position.withTokens(pagingToken(position.readUpTo().minus(OVERLAP)));
            }
        }
    }

    private PersonChanges readFrom(ChangeCursor position, Collection<String> fields) {
        String fieldList = String.join(",", fields);
        JsonObject changes = gateway.call("leadchanges",
                api -> bearer -> api.leadChanges(bearer, position.changesToken(), fieldList, BATCH));
        // Deletions are read once the changes are drained, not beside every page: a long drain (an initial
        // sync reads back every New Lead it caused) would otherwise spend a second call per page.
        JsonObject deletions = changes.getBoolean("moreResult", false) ? NOTHING
                : gateway.call("deletedleads", api -> bearer -> api.deletedLeads(bearer, position.deletionsToken(), BATCH));
        List<PersonChange> found = new ArrayList<>();
        Instant readUpTo = position.readUpTo();
        long lastId = position.lastActivityId();
        for (JsonObject activity : WireValues.result(changes)) {
            long id = activity.getJsonNumber("id").longValue();
            Instant at = parseDate(activity.getString("activityDate"));
            if (id <= position.lastActivityId()) {
                continue; // read before: the overlap after a token was obtained again
            }
            lastId = Math.max(lastId, id);
            readUpTo = at.isAfter(readUpTo) ? at : readUpTo;
            int type = activity.getInt("activityTypeId");
            if (type != 12 && type != 13) {
                continue;
            }
            List<FieldChange> changed = new ArrayList<>();
            if (activity.containsKey("fields")) {
                for (JsonObject field : activity.getJsonArray("fields").getValuesAs(JsonObject.class)) {
                    changed.add(new FieldChange(field.getString("name"),
                            WireValues.text(field.get("oldValue")), WireValues.text(field.get("newValue"))));
                }
            }
            found.add(new PersonChange(id, activity.getJsonNumber("leadId").longValue(),
                    type == 12 ? PersonChange.Kind.CREATED : PersonChange.Kind.CHANGED, at, List.copyOf(changed)));
        }
        List<Long> deleted = WireValues.result(deletions).stream()
                .map(a -> a.getJsonNumber("leadId").longValue()).toList();
        ChangeCursor next = new ChangeCursor(changes.getString("nextPageToken", position.changesToken()),
                deletions.getString("nextPageToken", position.deletionsToken()), readUpTo, lastId);
        // R5: deletions are read once per cycle; more of them wait for the next cycle rather than cost another
        // leadchanges call each (a deletions token far behind scans the whole log between, 1,000 entries a call)
        boolean more = changes.getBoolean("moreResult", false);
        return new PersonChanges(List.copyOf(found), deleted, next.encode(), more, readUpTo);
    }

    @Override
    public List<MarketoPerson> findByIds(Collection<Long> ids, Collection<String> fields) {
        return find("id", ids.stream().map(String::valueOf).toList(), fields);
    }

    @Override
    public List<MarketoPerson> findByEmails(Collection<String> emails, Collection<String> fields) {
        return find("email", List.copyOf(emails), fields);
    }

    @Override
    public List<MarketoPerson> findByDynamicsIds(Collection<String> dynamicsIds, Collection<String> fields) {
        return find(CrmFields.ID, List.copyOf(dynamicsIds), fields);
    }

    /**
     * createOnly deduplicated on the email, so an existing person with it is answered 1005 without a look-up first;
     * a person without email is deduplicated on msftId (docs/sync-rules.md R10). Outcomes in input order.
     */
    @Override
    public List<RecordOutcome> createPersons(List<Map<String, Object>> persons) {
        List<Integer> byEmail = new ArrayList<>();
        List<Integer> byMsftId = new ArrayList<>();
        for (int i = 0; i < persons.size(); i++) {
            Object email = persons.get(i).get("email");
            (email != null && !email.toString().isEmpty() ? byEmail : byMsftId).add(i);
        }
        RecordOutcome[] outcomes = new RecordOutcome[persons.size()];
        for (List<Integer> group : List.of(byEmail, byMsftId)) {
            if (group.isEmpty()) {
                continue;
            }
            List<RecordOutcome> answered = upsert(group.stream().map(persons::get).toList(), SyncAction.CREATE_ONLY,
                    group == byEmail ? "email" : CrmFields.ID);
            for (int k = 0; k < group.size(); k++) {
                RecordOutcome o = answered.get(k);
                int i = group.get(k);
                outcomes[i] = new RecordOutcome(i, o.personId(), o.status(), o.code(), o.message());
            }
        }
        return List.of(outcomes);
    }

    @Override
    public List<RecordOutcome> updatePersons(List<PersonUpdate> updates) {
        List<Map<String, Object>> records = new ArrayList<>(updates.size());
        for (PersonUpdate update : updates) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", update.personId());
            record.putAll(update.fields());
            records.add(record);
        }
        return upsert(records, SyncAction.UPDATE_ONLY, "id");
    }

    private List<MarketoPerson> find(String filterType, List<String> values, Collection<String> fields) {
        String fieldList = fields.isEmpty() ? null : String.join(",", fields);
        List<MarketoPerson> persons = new ArrayList<>();
        for (int from = 0; from < values.size(); from += BATCH) {
            String filter = String.join(",", values.subList(from, Math.min(values.size(), from + BATCH)));
            String page = null;
            do {
                String token = page;
                JsonObject answer = gateway.call("leads", api -> bearer ->
                        api.queryLeads(bearer, "GET", filterType, filter, fieldList, token));
                for (JsonObject row : WireValues.result(answer)) {
                    Map<String, Object> values2 = WireValues.toJava(row);
                    values2.remove("id");
                    persons.add(new MarketoPerson(row.getJsonNumber("id").longValue(), values2));
                }
                page = answer.getBoolean("moreResult", false) ? answer.getString("nextPageToken", null) : null;
            } while (page != null);
        }
        return persons;
    }

    /** Creates and/or updates persons, ≤300 per call; one outcome per record, in input order. */
    public List<RecordOutcome> upsert(List<Map<String, Object>> records, SyncAction action, String lookupField) {
        List<RecordOutcome> outcomes = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += BATCH) {
            List<Map<String, Object>> batch = records.subList(from, Math.min(records.size(), from + BATCH));
            JsonArrayBuilder input = JsonFactory.JSON.createArrayBuilder();
            batch.forEach(record -> input.add(WireValues.object(record)));
            JsonObject body = JsonFactory.JSON.createObjectBuilder().add("action", action.wireName)
                    .add("lookupField", lookupField).add("input", input).build();
            JsonObject answer = gateway.call("sync leads", api -> bearer -> api.syncLeads(bearer, body));
            outcomes.addAll(outcomes(from, batch.size(), answer));
        }
        return outcomes;
    }

    public List<RecordOutcome> deletePersons(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            JsonArrayBuilder input = JsonFactory.JSON.createArrayBuilder();
            batch.forEach(id -> input.add(JsonFactory.JSON.createObjectBuilder().add("id", id)));
            JsonObject body = JsonFactory.JSON.createObjectBuilder().add("input", input).build();
            JsonObject answer = gateway.call("delete leads", api -> bearer -> api.deleteLeads(bearer, body));
            outcomes.addAll(outcomes(from, batch.size(), answer));
        }
        return outcomes;
    }

    @Override
    public List<MarketoFieldInfo> describe() {
        JsonObject answer = gateway.call("describe", api -> api::describe);
        return WireValues.result(answer).stream().map(field -> {
            JsonObject rest = field.getJsonObject("rest");
            return new MarketoFieldInfo(rest.getString("name"), field.getString("displayName", rest.getString("name")),
                    field.getString("dataType", "string"),
                    field.containsKey("length") && !field.isNull("length") ? field.getInt("length") : null,
                    rest.getBoolean("readOnly", false));
        }).collect(Collectors.toList());
    }

    /** The custom activity type configured for pushing the activity log (R20), if any. */
    @Override
    public OptionalInt configuredActivityType() {
        return activityTypeId.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** Adds custom activities, ≤300 per call; one outcome per activity, in input order. */
    @Override
    public List<RecordOutcome> pushActivities(List<CustomActivity> activities) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < activities.size(); from += BATCH) {
            List<CustomActivity> batch = activities.subList(from, Math.min(activities.size(), from + BATCH));
            JsonArrayBuilder input = JsonFactory.JSON.createArrayBuilder();
            for (CustomActivity a : batch) {
                JsonArrayBuilder attributes = JsonFactory.JSON.createArrayBuilder();
                a.attributes().forEach((name, value) -> {
                    JsonObjectBuilder attribute = JsonFactory.JSON.createObjectBuilder().add("name", name);
                    WireValues.add(attribute, "value", value);
                    attributes.add(attribute);
                });
                input.add(JsonFactory.JSON.createObjectBuilder().add("leadId", a.personId())
                        .add("activityDate", a.at().truncatedTo(ChronoUnit.SECONDS).toString())
                        .add("activityTypeId", a.activityTypeId())
                        .add("primaryAttributeValue", a.primaryAttributeValue())
                        .add("attributes", attributes));
            }
            JsonObject body = JsonFactory.JSON.createObjectBuilder().add("input", input).build();
            JsonObject answer = gateway.call("external activities", api -> bearer -> api.addCustomActivities(bearer, body));
            outcomes.addAll(outcomes(from, batch.size(), answer));
        }
        return outcomes;
    }

    static List<RecordOutcome> outcomes(int offset, int expected, JsonObject answer) {
        List<JsonObject> result = WireValues.result(answer);
        if (result.size() != expected) {
            throw new MarketoRejected("unexpected", "Marketo answered " + result.size() + " results for " + expected + " records");
        }
        List<RecordOutcome> outcomes = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            JsonObject row = result.get(i);
            Long id = row.containsKey("id") && !row.isNull("id") ? row.getJsonNumber("id").longValue() : null;
            String status = row.getString("status", "skipped");
            String code = null;
            String message = null;
            if (row.containsKey("reasons") && !row.getJsonArray("reasons").isEmpty()) {
                JsonObject reason = row.getJsonArray("reasons").getJsonObject(0);
                code = WireValues.text(reason.get("code"));
                message = reason.getString("message", "");
            }
            outcomes.add(new RecordOutcome(offset + i, id, status(status), code, message));
        }
        return outcomes;
    }

    private static RecordOutcome.Status status(String wire) {
        return switch (wire) {
            case "created" -> RecordOutcome.Status.CREATED;
            case "updated" -> RecordOutcome.Status.UPDATED;
            case "deleted" -> RecordOutcome.Status.DELETED;
            case "added" -> RecordOutcome.Status.ADDED;
            default -> RecordOutcome.Status.SKIPPED;
        };
    }

    static Instant parseDate(String text) {
        return OffsetDateTime.parse(text, ACTIVITY_DATE).toInstant();
    }
}
