package org.leadsync.sandbox.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadsync.sandbox.JsonFactory;
import org.leadsync.sandbox.dynamics.DynamicsTable.Row;
import org.leadsync.sandbox.dynamics.DynamicsTable.Scan;

/** Routes one Web API request (entity sets, metadata, QualifyLead) to the store; $batch parts come through here too. */
@ApplicationScoped
public class DataverseWebApi {

    static final int DEFAULT_PAGE_SIZE = 5000;
    private static final String GUID = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final Pattern SET = Pattern.compile("^(\\w+)$");
    private static final Pattern ROW = Pattern.compile("^(\\w+)\\(" + GUID + "\\)$");
    private static final Pattern QUALIFY = Pattern.compile("^leads\\(" + GUID + "\\)/Microsoft\\.Dynamics\\.CRM\\.QualifyLead$");
    private static final Pattern LIST_MEMBERS = Pattern.compile(
            "^lists\\(" + GUID + "\\)/Microsoft\\.Dynamics\\.CRM\\.(AddMemberList|RemoveMemberList)$");
    private static final Pattern METADATA = Pattern.compile(
            "^EntityDefinitions\\(LogicalName='(\\w+)'\\)/Attributes(?:/Microsoft\\.Dynamics\\.CRM\\.(\\w+))?$");

    @Inject
    DynamicsStore store;

    /** The key GET /sandbox/admin/stats counts this call under. */
    static String endpoint(String method, String path) {
        String shape = path.replaceAll(GUID, "id").replaceAll("'\\w+'", "x").replace("Microsoft.Dynamics.CRM.", "");
        return method + " " + shape;
    }

    WebApiResponse handle(WebApiRequest request) {
        try {
            return route(request);
        } catch (DataverseFault fault) {
            return WebApiResponse.error(fault);
        } catch (IllegalArgumentException | JsonParsingException | ClassCastException e) {
            return WebApiResponse.error(DataverseFault.badRequest(RowPayload.ODATA_ERROR, String.valueOf(e.getMessage())));
        }
    }

    private WebApiResponse route(WebApiRequest request) {
        String path = request.path();
        String method = request.method();
        Matcher m;
        if ((m = METADATA.matcher(path)).matches() && method.equals("GET")) {
            String logicalName = m.group(1);
            return AttributeMetadataQuery.answer(request, logicalName, m.group(2), a -> EntityDefinition.byLogicalName(logicalName)
                    .map(e -> store.deleted(e, a.logicalName())).orElse(false));
        }
        if ((m = QUALIFY.matcher(path)).matches() && method.equals("POST")) {
            return qualify(request, UUID.fromString(m.group(1)));
        }
        if ((m = LIST_MEMBERS.matcher(path)).matches() && method.equals("POST")) {
            return listMembers(request, UUID.fromString(m.group(1)), m.group(2));
        }
        if ((m = SET.matcher(path)).matches()) {
            EntityDefinition entity = entity(m.group(1));
            return switch (method) {
                case "GET" -> list(request, entity);
                case "POST" -> created(request, entity, store.create(entity, json(request)));
                default -> throw new DataverseFault(405, RowPayload.ODATA_ERROR, "The HTTP method '" + method + "' is not allowed here.");
            };
        }
        if ((m = ROW.matcher(path)).matches()) {
            EntityDefinition entity = entity(m.group(1));
            UUID id = UUID.fromString(m.group(2));
            switch (method) {
                case "GET" -> {
                    Row row = store.table(entity.entitySetName()).get(id);
                    if (row == null) {
                        throw DataverseFault.notFound(entity, id, "0x80040217");
                    }
                    Set<String> select = select(request, entity);
                    return WebApiResponse.json(200, rowJson(entity, row, select)
                            .add("@odata.context", context(request, entity, select) + "/$entity").build().toString());
                }
                case "PATCH" -> {
                    Row row = store.update(entity, id, json(request), request.header().apply("If-Match"),
                            request.header().apply("If-None-Match"));
                    if (request.prefers("return=representation")) {
                        Set<String> select = select(request, entity);
                        return WebApiResponse.json(200, rowJson(entity, row, select)
                                .add("@odata.context", context(request, entity, select) + "/$entity").build().toString());
                    }
                    return WebApiResponse.empty(204).with("OData-EntityId", entityId(request, entity, row.id()));
                }
                case "DELETE" -> {
                    store.delete(entity, id);
                    return WebApiResponse.empty(204);
                }
                default -> throw new DataverseFault(405, RowPayload.ODATA_ERROR, "The HTTP method '" + method + "' is not allowed here.");
            }
        }
        throw new DataverseFault(404, RowPayload.ODATA_ERROR, "Resource not found for the segment '" + path + "'.");
    }

    private static EntityDefinition entity(String set) {
        return EntityDefinition.bySet(set).orElseThrow(() ->
                new DataverseFault(404, RowPayload.ODATA_ERROR, "Resource not found for the segment '" + set + "'."));
    }

    private static JsonObject json(WebApiRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "The request body is empty.");
        }
        try (var reader = JsonFactory.JSON.createReader(new StringReader(request.body()))) {
            return reader.readObject();
        }
    }

    private WebApiResponse created(WebApiRequest request, EntityDefinition entity, Row row) {
        String entityId = entityId(request, entity, row.id());
        if (request.prefers("return=representation")) {
            Set<String> select = select(request, entity);
            return WebApiResponse.json(201, JsonFactory.JSON.createObjectBuilder()
                    .add("@odata.context", context(request, entity, select) + "/$entity")
                    .addAll(rowJson(entity, row, select)).build().toString())
                    .with("OData-EntityId", entityId).with("Preference-Applied", "return=representation");
        }
        return WebApiResponse.empty(204).with("OData-EntityId", entityId);
    }

    static String entityId(WebApiRequest request, EntityDefinition entity, UUID id) {
        return request.serviceRoot() + entity.entitySetName() + "(" + id + ")";
    }

    /**
     * GET on an entity set. Change tracking and paging share one mechanism: a page walks versions
     * (after, upTo]; `$skiptoken` carries that window, `$deltatoken` is the version the last read saw.
     */
    private WebApiResponse list(WebApiRequest request, EntityDefinition entity) {
        Set<String> select = select(request, entity);
        String filterText = request.query().get("$filter");
        Predicate<Function<String, Object>> filter = filterText == null ? null : ODataFilter.parse(filterText);
        Integer top = request.query().containsKey("$top") ? Integer.valueOf(request.query().get("$top")) : null;
        Integer maxPageSize = request.maxPageSize();
        int pageSize = maxPageSize == null ? DEFAULT_PAGE_SIZE : Math.max(1, maxPageSize);
        if (top != null) {
            pageSize = Math.min(pageSize, top);
        }
        String skip = request.query().get("$skiptoken");
        String deltaToken = request.query().get("$deltatoken");
        String orderText = request.query().get("$orderby");
        if (orderText != null && !orderText.isBlank()) {
            if (request.prefers("odata.track-changes") || deltaToken != null) {
                // Web API, "Use change tracking to synchronize data with external systems"
                throw DataverseFault.badRequest(RowPayload.ODATA_ERROR,
                        "The \"orderby\" query parameter isn't supported when Change Tracking is enabled.");
            }
            return ordered(request, entity, ODataOrder.parse(orderText, entity), select, filterText, filter, top,
                    maxPageSize, pageSize);
        }
        boolean tracked;
        boolean delta;
        long after;
        long upTo;
        if (skip != null) {
            long[] window = Arrays.stream(skip.split(":")).mapToLong(Long::parseLong).toArray();
            tracked = window[0] == 1;
            delta = window[1] == 1;
            after = window[2];
            upTo = window[3];
        } else if (deltaToken != null) {
            tracked = true;
            delta = true;
            after = Long.parseLong(deltaToken.split("!")[0]);
            upTo = store.currentVersion();
        } else {
            tracked = request.prefers("odata.track-changes");
            delta = false;
            after = 0;
            upTo = store.currentVersion();
        }
        DynamicsTable table = store.table(entity.entitySetName());
        Optional<List<UUID>> keys = filterText == null || delta ? Optional.empty()
                : ODataFilter.primaryKeysIn(filterText, entity.primaryId());
        Scan scan = keys.isPresent() ? table.byKeys(keys.get(), after, upTo, pageSize)
                : table.scan(after, upTo, delta, filter, pageSize);
        JsonArrayBuilder value = JsonFactory.JSON.createArrayBuilder();
        for (Object entry : scan.entries()) {
            if (entry instanceof Row row) {
                value.add(rowJson(entity, row, select));
            } else {
                value.add(JsonFactory.JSON.createObjectBuilder()
                        .add("@odata.context", request.serviceRoot() + "$metadata#" + entity.entitySetName() + "/$deletedEntity")
                        .add("id", entry.toString())
                        .add("reason", "deleted"));
            }
        }
        JsonObjectBuilder body = JsonFactory.JSON.createObjectBuilder()
                .add("@odata.context", context(request, entity, select) + (delta ? "/$delta" : ""))
                .add("value", value);
        String query = linkQuery(request, select, filterText, null);
        if (scan.more() && top == null) {
            String token = (tracked ? 1 : 0) + ":" + (delta ? 1 : 0) + ":" + scan.lastVersion() + ":" + upTo;
            body.add("@odata.nextLink", request.serviceRoot() + entity.entitySetName() + "?" + query
                    + (query.isEmpty() ? "" : "&") + "$skiptoken=" + encode(token));
        } else if (tracked) {
            String token = upTo + "!" + Instant.now().toString();
            body.add("@odata.deltaLink", request.serviceRoot() + entity.entitySetName() + "?" + query
                    + (query.isEmpty() ? "" : "&") + "$deltatoken=" + encode(token));
        }
        WebApiResponse response = WebApiResponse.json(200, body.build().toString());
        String applied = (tracked ? "odata.track-changes" : "")
                + (maxPageSize != null ? (tracked ? "," : "") + "odata.maxpagesize=" + maxPageSize : "");
        if (!applied.isEmpty()) {
            response.with("Preference-Applied", applied);
        }
        return response;
    }

    private static String linkQuery(WebApiRequest request, Set<String> select, String filter, String orderBy) {
        StringBuilder out = new StringBuilder();
        if (select != null) {
            out.append("$select=").append(request.query().get("$select"));
        }
        if (filter != null) {
            out.append(out.length() == 0 ? "" : "&").append("$filter=").append(encode(filter));
        }
        if (orderBy != null) {
            out.append(out.length() == 0 ? "" : "&").append("$orderby=").append(encode(orderBy));
        }
        return out.toString();
    }

    /**
     * GET on an entity set with `$orderby`: the matching rows sorted (ODataOrder), a page after the
     * `$skiptoken` cursor. Like Dataverse's paging cookie, each page is evaluated when it is asked for.
     */
    private WebApiResponse ordered(WebApiRequest request, EntityDefinition entity, ODataOrder order, Set<String> select,
                                   String filterText, Predicate<Function<String, Object>> filter, Integer top,
                                   Integer maxPageSize, int pageSize) {
        DynamicsTable table = store.table(entity.entitySetName());
        Optional<List<UUID>> keys = filterText == null ? Optional.empty()
                : ODataFilter.primaryKeysIn(filterText, entity.primaryId());
        List<Row> rows = new ArrayList<>();
        if (keys.isPresent()) {
            for (UUID id : new LinkedHashSet<>(keys.get())) {
                Row row = table.get(id);
                if (row != null) {
                    rows.add(row);
                }
            }
        } else {
            table.scan(0, store.currentVersion(), false, filter, Integer.MAX_VALUE).entries().forEach(e -> rows.add((Row) e));
        }
        Map<String, Object> names = new HashMap<>();
        List<ODataOrder.Sorted> sorted = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sorted.add(order.sortValues(row, attribute -> id -> names.computeIfAbsent(attribute.logicalName() + ":" + id,
                    k -> lookupName(entity, attribute, id.toString()))));
        }
        Comparator<Object[]> comparator = order.comparator();
        sorted.sort((a, b) -> comparator.compare(a.values(), b.values()));
        int from = 0;
        String skip = request.query().get("$skiptoken");
        if (skip != null) {
            if (!skip.startsWith("o:")) {
                throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "The $skiptoken is not valid for this query.");
            }
            Object[] cursor = order.cursor(skip);
            while (from < sorted.size() && comparator.compare(sorted.get(from).values(), cursor) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + pageSize);
        JsonArrayBuilder value = JsonFactory.JSON.createArrayBuilder();
        for (ODataOrder.Sorted s : sorted.subList(from, to)) {
            value.add(rowJson(entity, s.row(), select));
        }
        JsonObjectBuilder body = JsonFactory.JSON.createObjectBuilder()
                .add("@odata.context", context(request, entity, select))
                .add("value", value);
        if (to < sorted.size() && top == null) {
            String query = linkQuery(request, select, filterText, request.query().get("$orderby"));
            body.add("@odata.nextLink", request.serviceRoot() + entity.entitySetName() + "?" + query
                    + "&$skiptoken=" + encode(ODataOrder.token(sorted.get(to - 1).values())));
        }
        WebApiResponse response = WebApiResponse.json(200, body.build().toString());
        if (maxPageSize != null) {
            response.with("Preference-Applied", "odata.maxpagesize=" + maxPageSize);
        }
        return response;
    }

    /** What a lookup sorts by (Web API, "Order rows using OData"): the primary name of the row it points to. */
    private Object lookupName(EntityDefinition entity, AttributeDefinition attribute, String id) {
        EntityDefinition target = EntityDefinition.lookupTargets(entity, attribute).stream()
                .map(EntityDefinition::byLogicalName).flatMap(Optional::stream).findFirst().orElse(null);
        if (target == null) {
            return null;
        }
        Row row;
        try {
            row = store.table(target.entitySetName()).get(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
        return row == null ? null : target.primaryName(store.table(target.entitySetName()), row);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Set<String> select(WebApiRequest request, EntityDefinition entity) {
        String text = request.query().get("$select");
        if (text == null || text.isBlank()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String trimmed = name.trim();
            if (entity.indexOf(trimmed) < 0 || store.deleted(entity, entity.attribute(entity.indexOf(trimmed)).logicalName())) {
                throw RowPayload.unknown(entity, trimmed);
            }
            names.add(entity.attribute(entity.indexOf(trimmed)).jsonName());
        }
        return names;
    }

    private static String context(WebApiRequest request, EntityDefinition entity, Set<String> select) {
        String columns = select == null ? "" : "(" + String.join(",", request.query().get("$select").split(",")) + ")";
        return request.serviceRoot() + "$metadata#" + entity.entitySetName() + columns;
    }

    /** Every row carries its etag, key, createdon and modifiedon (docs/sandbox.md), plus the selected columns. */
    JsonObjectBuilder rowJson(EntityDefinition entity, Row row, Set<String> select) {
        JsonObjectBuilder out = JsonFactory.JSON.createObjectBuilder().add("@odata.etag", DynamicsStore.etag(row));
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            AttributeDefinition attribute = entity.attribute(i);
            String name = attribute.jsonName();
            boolean always = i == 0 || name.equals("createdon") || name.equals("modifiedon");
            if (!always && ((select != null && !select.contains(name)) || store.deleted(entity, attribute.logicalName()))) {
                continue;
            }
            Object v = values[i];
            if (v == null) {
                out.addNull(name);
            } else if (v instanceof Boolean b) {
                out.add(name, b);
            } else if (v instanceof Long l) {
                out.add(name, l);
            } else {
                out.add(name, v.toString());
            }
        }
        return out;
    }

    /**
     * AddMemberList answers AddMemberListResponse (`Id`: the list member); RemoveMemberList answers 204.
     * Both take `{"EntityId": "<guid>"}` (Web API action reference).
     */
    private WebApiResponse listMembers(WebApiRequest request, UUID listId, String action) {
        JsonObject body = json(request);
        if (!(body.get("EntityId") instanceof jakarta.json.JsonString entity)) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "The parameter 'EntityId' of " + action + " is required.");
        }
        UUID member = UUID.fromString(entity.getString());
        if (action.equals("RemoveMemberList")) {
            store.removeMember(listId, member);
            return WebApiResponse.empty(204);
        }
        Row added = store.addMember(listId, member);
        return WebApiResponse.json(200, JsonFactory.JSON.createObjectBuilder()
                .add("@odata.context", request.serviceRoot() + "$metadata#Microsoft.Dynamics.CRM.AddMemberListResponse")
                .add("Id", added.id().toString()).build().toString());
    }

    private WebApiResponse qualify(WebApiRequest request, UUID leadId) {
        JsonObject body = json(request);
        if (!body.getBoolean("CreateContact", false) || body.getBoolean("CreateAccount", false)
                || body.getBoolean("CreateOpportunity", false)) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR,
                    "The sandbox's QualifyLead supports CreateContact=true with CreateAccount and CreateOpportunity false.");
        }
        Row contact = store.qualify(leadId);
        return WebApiResponse.json(200, JsonFactory.JSON.createObjectBuilder()
                .add("@odata.context", request.serviceRoot() + "$metadata#Collection(Microsoft.Dynamics.CRM.crmbaseentity)")
                .add("value", JsonFactory.JSON.createArrayBuilder().add(JsonFactory.JSON.createObjectBuilder()
                        .add("@odata.type", "#Microsoft.Dynamics.CRM.contact")
                        .add("contactid", contact.id().toString())))
                .build().toString());
    }
}
