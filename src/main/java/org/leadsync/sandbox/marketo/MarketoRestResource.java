package org.leadsync.sandbox.marketo;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.leadsync.sandbox.JsonFactory;

/** Marketo's REST API v1, lead database part (docs/sandbox.md, Marketo): leads, describe, delete, activities. */
@Path("marketo/rest/v1")
@Produces(MediaType.APPLICATION_JSON)
public class MarketoRestResource {

    private static final int MAX_BATCH = 300;
    /** Activities looked at per call: pages may be short while moreResult is true, as with Marketo. */
    private static final int SCAN_LIMIT = 1000;

    @Inject
    MarketoSandbox sandbox;

    @GET
    @Path("leads.json")
    public Response leads(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                          @QueryParam("filterType") String filterType, @QueryParam("filterValues") String filterValues,
                          @QueryParam("fields") String fields, @QueryParam("batchSize") Integer batchSize,
                          @QueryParam("nextPageToken") String nextPageToken) {
        return sandbox.serve("GET leads.json", token(auth, token),
                () -> query(filterType, filterValues, fields, batchSize, nextPageToken));
    }

    /** Marketo's answer to long filter lists: POST with `_method=GET` and the query in a form body. */
    @POST
    @Path("leads.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response leadsByForm(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                @QueryParam("_method") String method, @FormParam("filterType") String filterType,
                                @FormParam("filterValues") String filterValues, @FormParam("fields") String fields,
                                @FormParam("batchSize") Integer batchSize, @FormParam("nextPageToken") String nextPageToken) {
        return sandbox.serve("GET leads.json", token(auth, token), () -> {
            if (!"GET".equalsIgnoreCase(method)) {
                throw MarketoError.invalid("A form body needs _method=GET");
            }
            return query(filterType, filterValues, fields, batchSize, nextPageToken);
        });
    }

    @POST
    @Path("leads.json")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response syncLeads(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                              JsonObject body) {
        return sandbox.serve("POST leads.json", token(auth, token), () -> sync(body));
    }

    @GET
    @Path("leads/describe.json")
    public Response describe(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token) {
        return sandbox.serve("GET leads/describe.json", token(auth, token), () -> {
            JsonArrayBuilder fields = JsonFactory.JSON.createArrayBuilder();
            for (MarketoField f : FieldCatalogue.FIELDS) {
                JsonObjectBuilder field = JsonFactory.JSON.createObjectBuilder().add("id", f.id())
                        .add("displayName", f.displayName()).add("dataType", f.dataType());
                if (f.length() != null) {
                    field.add("length", f.length());
                }
                field.add("rest", JsonFactory.JSON.createObjectBuilder().add("name", f.name()).add("readOnly", f.readOnly()));
                fields.add(field);
            }
            return Envelope.ok(fields.build());
        });
    }

    @POST
    @Path("leads/delete.json")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                           JsonObject body) {
        return sandbox.serve("POST leads/delete.json", token(auth, token), () -> {
            List<Long> ids = new ArrayList<>();
            for (JsonValue item : input(body)) {
                Object id = WireJson.toJava(item.asJsonObject().get("id"));
                ids.add(id instanceof Long l ? l : null);
            }
            return Envelope.ok(results(sandbox.store().delete(ids)));
        });
    }

    /** Describe Sales Persons: the object, its dedupe and searchable fields, and its fields (docs/sandbox.md). */
    @GET
    @Path("salespersons/describe.json")
    public Response describeSalesPersons(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token) {
        return sandbox.serve("GET salespersons/describe.json", token(auth, token), () -> {
            JsonArrayBuilder fields = JsonFactory.JSON.createArrayBuilder();
            for (MarketoField f : SalesPersonStore.FIELDS) {
                JsonObjectBuilder field = JsonFactory.JSON.createObjectBuilder().add("name", f.name())
                        .add("displayName", f.displayName()).add("dataType", f.dataType());
                if (f.length() != null) {
                    field.add("length", f.length());
                }
                fields.add(field.add("updateable", !f.readOnly()));
            }
            JsonArrayBuilder searchable = JsonFactory.JSON.createArrayBuilder();
            for (String name : List.of("email", "id", "externalSalesPersonId")) {
                searchable.add(JsonFactory.JSON.createArrayBuilder().add(name));
            }
            return Envelope.ok(JsonFactory.JSON.createArrayBuilder().add(JsonFactory.JSON.createObjectBuilder()
                    .add("name", "SalesPerson").add("idField", "id")
                    .add("dedupeFields", JsonFactory.JSON.createArrayBuilder().add("externalSalesPersonId"))
                    .add("searchableFields", searchable).add("fields", fields)).build());
        });
    }

    /** Get Sales Persons by filter type: every populated field unless `fields` names some; `seq` per row. */
    @GET
    @Path("salespersons.json")
    public Response salesPersons(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                 @QueryParam("filterType") String filterType, @QueryParam("filterValues") String filterValues,
                                 @QueryParam("fields") String fields) {
        return sandbox.serve("GET salespersons.json", token(auth, token), () -> {
            List<String> values = WireJson.csv(filterValues);
            if (values.isEmpty() || values.size() > MAX_BATCH) {
                throw MarketoError.invalid("filterValues must hold 1 to " + MAX_BATCH + " values");
            }
            List<String> names = fields == null || fields.isBlank() ? null : WireJson.csv(fields);
            if (names != null) {
                for (String name : names) {
                    if (SalesPersonStore.field(name) == null) {
                        throw new MarketoError("1006", "Field '" + name + "' not found");
                    }
                }
            }
            JsonArrayBuilder result = JsonFactory.JSON.createArrayBuilder();
            int seq = 0;
            for (Map<String, Object> salesPerson : sandbox.store().salesPersons().find(filterType, values)) {
                JsonObjectBuilder row = JsonFactory.JSON.createObjectBuilder().add("seq", seq++);
                for (Map.Entry<String, Object> field : salesPerson.entrySet()) {
                    if (names == null ? field.getValue() != null : names.contains(field.getKey()) || field.getKey().equals("id")) {
                        WireJson.add(row, field.getKey(), field.getValue());
                    }
                }
                result.add(row);
            }
            return Envelope.ok(result.build());
        });
    }

    /** Sync Sales Persons: `action` (createOrUpdate by default), `dedupeBy` dedupeFields (default) or idOnly. */
    @POST
    @Path("salespersons.json")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response syncSalesPersons(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                     JsonObject body) {
        return sandbox.serve("POST salespersons.json", token(auth, token), () -> {
            String action = body == null ? "createOrUpdate" : body.getString("action", "createOrUpdate");
            String dedupeBy = body == null ? "dedupeFields" : body.getString("dedupeBy", "dedupeFields");
            if (!Set.of("createOrUpdate", "createOnly", "updateOnly").contains(action)) {
                throw MarketoError.invalid("Invalid action '" + action + "'");
            }
            if (!Set.of("dedupeFields", "idOnly").contains(dedupeBy)) {
                throw MarketoError.invalid("Invalid dedupeBy '" + dedupeBy + "'");
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (JsonValue item : input(body)) {
                records.add(WireJson.toJava(item.asJsonObject()));
            }
            return Envelope.ok(results(sandbox.store().salesPersons().sync(action, dedupeBy, records), true));
        });
    }

    /** Get Activity Types: the types the sandbox logs (ActivityTypes), in Marketo's envelope. */
    @GET
    @Path("activities/types.json")
    public Response activityTypes(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token) {
        return sandbox.serve("GET activities/types.json", token(auth, token), () -> Envelope.ok(ActivityTypes.all()));
    }

    @GET
    @Path("activities/pagingtoken.json")
    public Response pagingToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                @QueryParam("sinceDatetime") String since) {
        return sandbox.serve("GET activities/pagingtoken.json", token(auth, token), () -> {
            Instant instant = instant(since);
            return Envelope.ok().add("nextPageToken",
                    PagingToken.of("a", sandbox.store().positionAt(instant))).build();
        });
    }

    @GET
    @Path("activities/leadchanges.json")
    public Response leadChanges(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                @QueryParam("nextPageToken") String nextPageToken, @QueryParam("fields") String fields,
                                @QueryParam("batchSize") Integer batchSize) {
        return sandbox.serve("GET activities/leadchanges.json", token(auth, token), () -> {
            Set<String> wanted = Set.copyOf(WireJson.csv(fields));
            if (wanted.isEmpty()) {
                throw MarketoError.invalid("fields must be specified");
            }
            return activities(nextPageToken, batchSize, a -> a.typeId() == Activity.NEW_LEAD
                    || (a.typeId() == Activity.CHANGE_DATA_VALUE && wanted.contains(a.fields().get(0).name())));
        });
    }

    @GET
    @Path("activities/deletedleads.json")
    public Response deletedLeads(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                 @QueryParam("nextPageToken") String nextPageToken, @QueryParam("batchSize") Integer batchSize) {
        return sandbox.serve("GET activities/deletedleads.json", token(auth, token),
                () -> activities(nextPageToken, batchSize, a -> a.typeId() == Activity.DELETE_LEAD));
    }

    @GET
    @Path("activities.json")
    public Response activities(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                               @QueryParam("activityTypeIds") String typeIds, @QueryParam("nextPageToken") String nextPageToken,
                               @QueryParam("leadIds") String leadIds, @QueryParam("batchSize") Integer batchSize) {
        return sandbox.serve("GET activities.json", token(auth, token), () -> {
            Set<Integer> types = Set.copyOf(WireJson.csv(typeIds).stream().map(Integer::valueOf).toList());
            Set<Long> leads = Set.copyOf(WireJson.csv(leadIds).stream().map(Long::valueOf).toList());
            if (types.isEmpty() || types.size() > 10 || leads.size() > 30) {
                throw MarketoError.invalid("activityTypeIds (1 to 10) required; at most 30 leadIds");
            }
            return activities(nextPageToken, batchSize,
                    a -> types.contains(a.typeId()) && (leads.isEmpty() || leads.contains(a.leadId())));
        });
    }

    @POST
    @Path("activities/external.json")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addCustomActivities(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                                        @QueryParam("access_token") String token, JsonObject body) {
        return sandbox.serve("POST activities/external.json", token(auth, token), () -> {
            List<RecordResult> results = new ArrayList<>();
            for (JsonValue item : input(body)) {
                JsonObject activity = item.asJsonObject();
                Map<String, Object> attributes = new java.util.LinkedHashMap<>();
                for (JsonValue attribute : activity.getJsonArray("attributes") == null
                        ? JsonValue.EMPTY_JSON_ARRAY : activity.getJsonArray("attributes")) {
                    attributes.put(attribute.asJsonObject().getString("name", ""),
                            WireJson.toJava(attribute.asJsonObject().get("value")));
                }
                try {
                    results.add(sandbox.store().addCustom(activity.getJsonNumber("leadId").longValue(),
                            instant(activity.getString("activityDate")), activity.getInt("activityTypeId"),
                            activity.getString("primaryAttributeValue", ""), attributes));
                } catch (RuntimeException e) {
                    results.add(RecordResult.skipped(null, "1003", "Invalid activity: " + e.getMessage()));
                }
            }
            return Envelope.ok(results(results));
        });
    }

    private JsonObject query(String filterType, String filterValues, String fields, Integer batchSize, String nextPageToken) {
        // Marketo filters on any searchable field; LeadSync uses id, email and msftId.
        if (filterType == null || (!"id".equals(filterType) && FieldCatalogue.find(filterType) == null)) {
            throw MarketoError.invalid("Invalid filterType '" + filterType + "'");
        }
        List<String> values = WireJson.csv(filterValues);
        if (values.isEmpty() || values.size() > MAX_BATCH) {
            throw MarketoError.invalid("filterValues must hold 1 to " + MAX_BATCH + " values");
        }
        List<String> names = fields == null || fields.isBlank() ? FieldCatalogue.DEFAULT_FIELDS : WireJson.csv(fields);
        for (String name : names) {
            if (FieldCatalogue.find(name) == null) {
                throw new MarketoError("1006", "Field '" + name + "' not found");
            }
        }
        List<Map<String, Object>> found = sandbox.store().find(filterType, values);
        int size = batchSize(batchSize);
        long from = nextPageToken == null ? 0 : PagingToken.position("l", nextPageToken);
        if (from < 0) {
            throw MarketoError.invalid("Invalid nextPageToken");
        }
        JsonArrayBuilder result = JsonFactory.JSON.createArrayBuilder();
        int to = (int) Math.min(found.size(), from + size);
        for (Map<String, Object> person : found.subList((int) Math.min(from, found.size()), to)) {
            JsonObjectBuilder row = JsonFactory.JSON.createObjectBuilder().add("id", (Long) person.get("id"));
            for (String name : names) {
                WireJson.add(row, name, person.get(name));
            }
            result.add(row);
        }
        JsonObjectBuilder answer = Envelope.ok().add("result", result);
        if (to < found.size()) {
            answer.add("moreResult", true).add("nextPageToken", PagingToken.of("l", to));
        }
        return answer.build();
    }

    private JsonObject sync(JsonObject body) {
        if (body == null) {
            throw MarketoError.invalid("A JSON body is required");
        }
        String action = body.getString("action", "createOrUpdate");
        String lookupField = body.getString("lookupField", "email");
        if (!Set.of("createOrUpdate", "createOnly", "updateOnly").contains(action)) {
            throw MarketoError.invalid("Invalid action '" + action + "'");
        }
        if (lookupField.equals("id") && !action.equals("updateOnly")) {
            throw MarketoError.invalid("lookupField 'id' is allowed only with action updateOnly");
        }
        if (FieldCatalogue.find(lookupField) == null) {
            throw new MarketoError("1006", "Field '" + lookupField + "' not found");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonValue item : input(body)) {
            records.add(WireJson.toJava(item.asJsonObject()));
        }
        return Envelope.ok(results(sandbox.store().sync(action, lookupField, records)));
    }

    private static JsonArray input(JsonObject body) {
        JsonArray input = body == null ? null : body.getJsonArray("input");
        if (input == null || input.isEmpty()) {
            throw MarketoError.invalid("input must hold at least one record");
        }
        if (input.size() > MAX_BATCH) {
            throw MarketoError.invalid("input must hold at most " + MAX_BATCH + " records");
        }
        return input;
    }

    private JsonObject activities(String nextPageToken, Integer batchSize, Predicate<Activity> wanted) {
        if (nextPageToken != null && !nextPageToken.isBlank()) {
            sandbox.refusePagingTokenIfArmed(nextPageToken);
        }
        long position = nextPageToken == null ? -1 : PagingToken.position("a", nextPageToken);
        if (position < 0) {
            throw MarketoError.invalid("A valid nextPageToken is required");
        }
        ActivityPage page = sandbox.store().read(position, wanted, batchSize(batchSize), SCAN_LIMIT);
        JsonObjectBuilder answer = Envelope.ok()
                .add("nextPageToken", PagingToken.of("a", page.reached()))
                .add("moreResult", page.more());
        if (!page.activities().isEmpty()) {
            JsonArrayBuilder result = JsonFactory.JSON.createArrayBuilder();
            page.activities().forEach(a -> result.add(activity(a)));
            answer.add("result", result);
        }
        return answer.build();
    }

    private static JsonObjectBuilder activity(Activity a) {
        JsonObjectBuilder json = JsonFactory.JSON.createObjectBuilder()
                .add("id", a.id())
                .add("marketoGUID", Long.toString(a.id()))
                .add("leadId", a.leadId())
                .add("activityDate", MarketoTime.format(a.date()))
                .add("activityTypeId", a.typeId());
        if (a.typeId() == Activity.NEW_LEAD || a.typeId() == Activity.CHANGE_DATA_VALUE) {
            JsonArrayBuilder fields = JsonFactory.JSON.createArrayBuilder();
            for (Activity.Change c : a.fields()) {
                JsonObjectBuilder change = JsonFactory.JSON.createObjectBuilder().add("id", c.fieldId()).add("name", c.name());
                WireJson.add(change, "newValue", c.newValue());
                WireJson.add(change, "oldValue", c.oldValue());
                fields.add(change);
            }
            json.add("fields", fields);
        } else {
            if (a.typeId() == Activity.DELETE_LEAD) {
                json.add("primaryAttributeValueId", a.leadId());
            }
            json.add("primaryAttributeValue", a.primaryAttributeValue() == null ? "" : a.primaryAttributeValue());
        }
        return json.add("attributes", WireJson.nameValues(a.attributes()));
    }

    private static JsonArray results(List<RecordResult> results) {
        return results(results, false);
    }

    /** Lead database objects other than leads number their results with `seq` (the input's index). */
    private static JsonArray results(List<RecordResult> results, boolean withSeq) {
        JsonArrayBuilder array = JsonFactory.JSON.createArrayBuilder();
        int seq = 0;
        for (RecordResult r : results) {
            JsonObjectBuilder row = JsonFactory.JSON.createObjectBuilder();
            if (withSeq) {
                row.add("seq", seq++);
            }
            if (r.id() != null) {
                row.add("id", r.id());
            }
            row.add("status", r.status());
            if (r.code() != null) {
                row.add("reasons", JsonFactory.JSON.createArrayBuilder()
                        .add(JsonFactory.JSON.createObjectBuilder().add("code", r.code()).add("message", r.message())));
            }
            array.add(row);
        }
        return array.build();
    }

    private static int batchSize(Integer batchSize) {
        if (batchSize == null) {
            return MAX_BATCH;
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw MarketoError.invalid("batchSize must be between 1 and " + MAX_BATCH);
        }
        return batchSize;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw MarketoError.invalid("A datetime is required");
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(text.trim()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                throw MarketoError.invalid("Invalid datetime '" + text + "'");
            }
        }
    }

    private static String token(String authorization, String queryToken) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return queryToken;
    }
}
