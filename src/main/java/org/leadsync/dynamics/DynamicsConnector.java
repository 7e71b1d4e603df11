package org.leadsync.dynamics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.connector.CallCoalescer;
import org.leadsync.connector.JsonFactory;
import org.leadsync.connector.ParallelBatches;
import org.leadsync.connector.VendorCallThreads;
import org.leadsync.dynamics.BatchBody.InnerRequest;
import org.leadsync.dynamics.DataverseTransport.Answer;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;
import org.leadsync.port.DynamicsConflict;
import org.leadsync.port.DynamicsException;
import org.leadsync.port.DynamicsId;
import org.leadsync.port.DynamicsNotFound;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.RecordChanges;
import org.leadsync.port.WriteOutcome.Kind;
import org.leadsync.port.WriteOutcome;

/**
 * Everything LeadSync asks of Dynamics 365, in plain Java: change feeds, reads, validated writes,
 * batches, metadata and QualifyLead. Nothing outside this package sees OData (docs/architecture.md).
 */
@ApplicationScoped
public class DynamicsConnector implements DynamicsRecords {

    /** How many ids or emails one `In` filter carries, to keep URLs short. */
    static final int IN_CHUNK = 50;

    @Inject
    DataverseTransport transport;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.batch-size", defaultValue = "200")
    int batchSize;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.page-size", defaultValue = "5000")
    int pageSize;

    /** Dataverse's limit of concurrent requests per user (docs/sync-rules.md R21): beyond it every request is a 429. */
    static final int VENDOR_CONCURRENT_LIMIT = 52;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.parallel-batches", defaultValue = "6")
    int parallelBatches;

    @Inject
    VendorCallThreads threads;

    /** The $batch requests of one write, sent in parallel within Dataverse's limits (R21, Concurrency). */
    ParallelBatches batches;

    @PostConstruct
    void start() {
        if (parallelBatches < 1 || parallelBatches > VENDOR_CONCURRENT_LIMIT) {
            throw new IllegalArgumentException("leadsync.dynamics.parallel-batches must be 1 to " + VENDOR_CONCURRENT_LIMIT
                    + " (Dataverse's concurrent-request limit), was " + parallelBatches);
        }
        batches = threads.upTo(parallelBatches);
    }

    final Map<CrmEntity, List<DynamicsAttribute>> catalogue = new ConcurrentHashMap<>();

    /**
     * One page of the change feed of `entity` (R5). A null cursor starts change tracking (initial rows);
     * otherwise the cursor is a next link or delta link returned earlier.
     */
    @Override
    public RecordChanges changes(CrmEntity entity, Collection<String> attributes, String cursor) {
        List<String> select = attributes == null ? new ArrayList<>() : new ArrayList<>(attributes);
        if (entity == CrmEntity.CONTACT && !select.isEmpty() && !select.contains(ODataJson.ORIGINATING_LEAD)) {
            select.add(ODataJson.ORIGINATING_LEAD); // R16: which lead a new contact was qualified from
        }
        String prefer = "odata.track-changes,odata.maxpagesize=" + pageSize;
        String set = ODataJson.entitySet(entity);
        Answer answer;
        if (cursor == null) {
            answer = transport.send("change tracking of " + set, api -> api.list(set, selectText(select), null, null, null, prefer));
        } else {
            Map<String, String> q = query(cursor);
            answer = transport.send("change tracking of " + set, api -> api.list(set, q.get("$select"), q.get("$filter"),
                    q.get("$skiptoken"), q.get("$deltatoken"), prefer));
        }
        JsonObject body = ok(answer, entity);
        List<DynamicsRecord> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (JsonValue value : body.getJsonArray("value")) {
            JsonObject row = value.asJsonObject();
            if (row.getString("@odata.context", "").endsWith("$deletedEntity")) {
                deleted.add(row.getString("id"));
            } else {
                changed.add(ODataJson.record(entity, row));
            }
        }
        String next = body.getString("@odata.nextLink", null);
        String delta = body.getString("@odata.deltaLink", null);
        if (next == null && delta == null) {
            throw new DynamicsException("Change tracking answer of " + set + " has neither a next link nor a delta link");
        }
        return new RecordChanges(changed, deleted, next != null ? next : delta, next == null);
    }

    @Override
    public List<DynamicsRecord> byIds(CrmEntity entity, Collection<String> ids, Collection<String> select) {
        return byValues(entity, ODataJson.primaryId(entity), ids, select);
    }

    @Override
    public List<DynamicsRecord> byEmails(CrmEntity entity, Collection<String> emails, Collection<String> select) {
        return byValues(entity, "emailaddress1", emails, select);
    }

    /**
     * A lead's statecode 1 is Qualified and 2 Disqualified: only an open lead (0) or any contact counts. Concurrent
     * flow-action calls share one `In` read (docs/sync-rules.md R21: one request against Dataverse's budget).
     */
    @Override
    public Optional<DynamicsRecord> openByEmail(CrmEntity entity, String email) {
        return emailReads.get(entity).submit(email);
    }

    private List<Optional<DynamicsRecord>> openByEmails(CrmEntity entity, List<String> emails) {
        Map<String, DynamicsRecord> byEmail = new HashMap<>();
        for (DynamicsRecord r : byEmails(entity, new java.util.LinkedHashSet<>(emails), List.of("emailaddress1", "statecode"))) {
            if ((entity == CrmEntity.CONTACT || !"1".equals(String.valueOf(r.get("statecode")))) && r.get("emailaddress1") != null) {
                byEmail.putIfAbsent(r.get("emailaddress1").toString().toLowerCase(java.util.Locale.ROOT), r);
            }
        }
        return emails.stream().map(e -> Optional.ofNullable(byEmail.get(e.toLowerCase(java.util.Locale.ROOT)))).toList();
    }

    /** Concurrent callers' reads by email, one `In` filter each time (at most IN_CHUNK emails). */
    private final Map<CrmEntity, CallCoalescer<String, Optional<DynamicsRecord>>> emailReads = Map.of(
            CrmEntity.LEAD, new CallCoalescer<>(emails -> openByEmails(CrmEntity.LEAD, emails), IN_CHUNK, 2),
            CrmEntity.CONTACT, new CallCoalescer<>(emails -> openByEmails(CrmEntity.CONTACT, emails), IN_CHUNK, 2));

    /** Concurrent flow actions' creates, one `$batch` each time (R21); a refused record fails only its caller. */
    private final CallCoalescer<DynamicsWrite, WriteOutcome> creates = new CallCoalescer<>(this::write, 100, 2);

    private List<DynamicsRecord> byValues(CrmEntity entity, String property, Collection<String> values, Collection<String> select) {
        List<String> all = new ArrayList<>(values);
        List<DynamicsRecord> out = new ArrayList<>();
        String set = ODataJson.entitySet(entity);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            String filter = "Microsoft.Dynamics.CRM.In(PropertyName='" + property + "',PropertyValues=["
                    + all.subList(from, Math.min(all.size(), from + IN_CHUNK)).stream()
                    .map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(",")) + "])";
            String cursor = null;
            do {
                Map<String, String> q = cursor == null ? Map.of() : query(cursor);
                Answer answer = transport.send("read " + set, api -> api.list(set, selectText(select), filter,
                        q.get("$skiptoken"), null, "odata.maxpagesize=" + pageSize));
                JsonObject body = ok(answer, entity);
                body.getJsonArray("value").forEach(v -> out.add(ODataJson.record(entity, v.asJsonObject())));
                cursor = body.getString("@odata.nextLink", null);
            } while (cursor != null);
        }
        return out;
    }

    /**
     * Creates one record after checking it (R17); returns its id. Creates of concurrent callers (flow actions of
     * a campaign's burst) share one `$batch` with continue-on-error: each caller gets its own record's outcome.
     */
    @Override
    public String create(CrmEntity entity, Map<String, String> values) {
        validate(entity, true, typed(entity, values));
        WriteOutcome outcome = creates.submit(DynamicsWrite.create(entity, values));
        return switch (outcome.kind()) {
            case SUCCESS -> outcome.id();
            case VALIDATION_FAILED -> throw new DynamicsValidationFailed(outcome.code(), outcome.message(), outcome.attribute());
            case NOT_FOUND -> throw new DynamicsNotFound(outcome.message());
            case CONFLICT -> throw new DynamicsConflict(outcome.message());
            case TRANSIENT -> throw new DynamicsException("create in " + ODataJson.entitySet(entity) + ": " + outcome.message());
        };
    }

    /** Updates the given (changed) attributes; the record must exist (`If-Match: *`). */
    public void update(CrmEntity entity, String id, Map<String, Object> changed) {
        updateIf(entity, id, changed, "*");
    }

    /** Updates only if the record still has `etag`; otherwise {@link DynamicsConflict}. */
    public void updateIf(CrmEntity entity, String id, Map<String, Object> changed, String etag) {
        validate(entity, false, changed);
        String set = ODataJson.entitySet(entity);
        ok(transport.send("update in " + set, api -> api.update(set, id, etag, ODataJson.body(changed))), entity);
    }

    public void delete(CrmEntity entity, String id) {
        String set = ODataJson.entitySet(entity);
        ok(transport.send("delete in " + set, api -> api.delete(set, id)), entity);
    }

    /** QualifyLead with CreateContact only (R15 syncAs=contact); returns the new contact's id. */
    @Override
    public String qualify(String leadId) {
        String body = JsonFactory.JSON.createObjectBuilder().add("CreateAccount", false).add("CreateContact", true)
                .add("CreateOpportunity", false).add("Status", 3).build().toString();
        JsonObject answer = ok(transport.send("qualify lead", api -> api.qualifyLead(leadId, body)), CrmEntity.LEAD);
        return answer.getJsonArray("value").stream().map(JsonValue::asJsonObject)
                .filter(o -> o.containsKey("contactid")).map(o -> DynamicsId.of(o.getString("contactid"))).findFirst()
                .orElseThrow(() -> new DynamicsException("QualifyLead created no contact for lead " + leadId));
    }

    /**
     * Many creates and updates, `leadsync.dynamics.batch-size` per $batch with continue-on-error, so one
     * refused record does not stop the others (R17); up to `leadsync.dynamics.parallel-batches` $batch requests
     * at once, all answered before this returns (R6, R21). Outcomes come back in the order of `writes`.
     */
    @Override
    public List<WriteOutcome> write(List<DynamicsWrite> writes) {
        List<Callable<List<WriteOutcome>>> calls = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += batchSize) {
            List<DynamicsWrite> batch = writes.subList(from, Math.min(writes.size(), from + batchSize));
            calls.add(() -> writeBatch(batch));
        }
        List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
        batches.run(calls).forEach(outcomes::addAll);
        return outcomes;
    }

    private List<WriteOutcome> writeBatch(List<DynamicsWrite> writes) {
        WriteOutcome[] outcomes = new WriteOutcome[writes.size()];
        List<InnerRequest> requests = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            DynamicsWrite w = writes.get(i);
            Map<String, Object> attributes = typed(w.entity(), w.attributes());
            Optional<WriteValidator.Violation> violation = validator(w.entity()).check(w.isCreate(), attributes);
            if (violation.isPresent()) {
                outcomes[i] = new WriteOutcome(Kind.VALIDATION_FAILED, w.id(), violation.get().code(),
                        violation.get().reason(), violation.get().attribute());
                continue;
            }
            String set = ODataJson.entitySet(w.entity());
            requests.add(w.isCreate() ? new InnerRequest("POST", set, null, ODataJson.body(attributes))
                    : new InnerRequest("PATCH", set + "(" + w.id() + ")", "*", ODataJson.body(attributes)));
            sent.add(i);
        }
        if (!requests.isEmpty()) {
            BatchBody body = BatchBody.of(requests);
            Answer answer = transport.send("$batch of " + requests.size(), api -> api.batch("odata.continue-on-error", body));
            if (answer.status() != 200) {
                throw new DynamicsException("$batch answered HTTP " + answer.status() + ": " + DataverseError.parse(answer.status(), answer.body()).message());
            }
            List<BatchAnswer.Part> parts = BatchAnswer.parse(answer.contentType(), answer.body());
            for (int k = 0; k < sent.size(); k++) {
                int i = sent.get(k);
                outcomes[i] = k < parts.size() ? outcome(writes.get(i), parts.get(k))
                        : new WriteOutcome(Kind.TRANSIENT, writes.get(i).id(), "", "No answer in the batch response", null);
            }
        }
        return List.of(outcomes);
    }

    private static WriteOutcome outcome(DynamicsWrite write, BatchAnswer.Part part) {
        int status = part.status();
        if (status >= 200 && status < 300) {
            String id = write.isCreate() ? DynamicsId.of(ODataJson.idFromEntityId(part.headers().get("odata-entityid"))) : write.id();
            return WriteOutcome.success(id);
        }
        DataverseError error = DataverseError.parse(status, part.body());
        Kind kind = switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 409, 412 -> Kind.CONFLICT;
            case 429, 500, 502, 503, 504 -> Kind.TRANSIENT;
            default -> Kind.VALIDATION_FAILED;
        };
        return new WriteOutcome(kind, write.id(), error.code(), error.message(), error.attribute());
    }

    /** The field catalogue of `entity` from EntityDefinitions(...)/Attributes, read once and cached. */
    @Override
    public List<DynamicsAttribute> attributes(CrmEntity entity) {
        return catalogue.computeIfAbsent(entity, e -> {
            JsonObject body = ok(transport.send("attributes of " + e.logicalName(), api -> api.attributes(e.logicalName())), e);
            List<DynamicsAttribute> out = new ArrayList<>();
            for (JsonValue v : body.getJsonArray("value")) {
                JsonObject a = v.asJsonObject();
                JsonObject required = a.getJsonObject("RequiredLevel");
                out.add(new DynamicsAttribute(a.getString("LogicalName"), a.getString("AttributeType"),
                        a.containsKey("Format") && !a.isNull("Format") ? a.getString("Format") : null,
                        a.containsKey("MaxLength") && !a.isNull("MaxLength") ? a.getInt("MaxLength") : null,
                        required == null ? "None" : required.getString("Value", "None"),
                        a.getBoolean("IsValidForCreate", false), a.getBoolean("IsValidForUpdate", false),
                        a.containsKey("MinValue") && !a.isNull("MinValue") ? a.getJsonNumber("MinValue").longValue() : null,
                        a.containsKey("MaxValue") && !a.isNull("MaxValue") ? a.getJsonNumber("MaxValue").longValue() : null));
            }
            return List.copyOf(out);
        });
    }

    /** One attribute's metadata, or null when `entity` has no such attribute (a customer's table may lack it). */
    @Override
    public DynamicsAttribute attribute(CrmEntity entity, String logicalName) {
        return attributes(entity).stream().filter(a -> a.logicalName().equals(logicalName)).findFirst().orElse(null);
    }

    /** Reads the attribute metadata afresh on next use (field setup's "refresh": a customer added a column). */
    @Override
    public void forgetAttributes() {
        catalogue.clear();
    }

    /** The sync's normalised strings as the JSON types the attributes take (R7 values, Dataverse types). */
    private Map<String, Object> typed(CrmEntity entity, Map<String, String> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, AttributeValue.typed(attribute(entity, name), value)));
        return typed;
    }

    public WriteValidator validator(CrmEntity entity) {
        return new WriteValidator(entity.logicalName(), attributes(entity));
    }

    private void validate(CrmEntity entity, boolean create, Map<String, Object> values) {
        validator(entity).check(create, values).ifPresent(v -> {
            throw new DynamicsValidationFailed(v.code(), v.reason(), v.attribute());
        });
    }

    /** A 2xx answer's JSON (or an empty object); anything else as the typed exception it means. */
    static JsonObject ok(Answer answer, CrmEntity entity) {
        return ok(answer, entity.logicalName());
    }

    /** {@link #ok(Answer, CrmEntity)} for any table, named in the failure. */
    static JsonObject ok(Answer answer, String table) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return answer.body() == null || answer.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : ODataJson.read(answer.body());
        }
        DataverseError error = DataverseError.parse(status, answer.body());
        throw switch (status) {
            case 404 -> new DynamicsNotFound(error.message());
            case 409, 412 -> new DynamicsConflict(error.message());
            case 400, 403, 422 -> error.asValidationFailure();
            default -> new DynamicsException(table + ": HTTP " + status + " " + error.code() + " " + error.message());
        };
    }

    private static String selectText(Collection<String> select) {
        return select == null || select.isEmpty() ? null : String.join(",", select);
    }

    /** The query of a next or delta link, decoded, to send back through the typed client. */
    static Map<String, String> query(String link) {
        Map<String, String> out = new HashMap<>();
        String raw = URI.create(link).getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
