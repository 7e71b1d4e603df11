package org.leadsync.sandbox.dynamics;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.leadsync.sandbox.JsonFactory;

/**
 * `EntityDefinitions(LogicalName='x')/Attributes` and its casts such as
 * `.../Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata` (Web API, "Query table definitions
 * using the Web API"): the uncast collection holds every column, each with its `@odata.type`; a cast
 * holds only the columns of that type, with that type's properties. Both take `$select` (MetadataId
 * is always returned) and `$filter` over primitive properties and one-level complex ones such as
 * `RequiredLevel/Value`. Metadata queries are not paged.
 */
final class AttributeMetadataQuery {

    /** The types the Attributes collection can be cast to ("Web API Metadata Entity Type Reference"). */
    static final Set<String> CASTS = Set.of("BigIntAttributeMetadata", "BooleanAttributeMetadata",
            "DateTimeAttributeMetadata", "DecimalAttributeMetadata", "DoubleAttributeMetadata",
            "EntityNameAttributeMetadata", "FileAttributeMetadata", "ImageAttributeMetadata", "IntegerAttributeMetadata",
            "LookupAttributeMetadata", "ManagedPropertyAttributeMetadata", "MemoAttributeMetadata",
            "MoneyAttributeMetadata", "MultiSelectPicklistAttributeMetadata", "PicklistAttributeMetadata",
            "StateAttributeMetadata", "StatusAttributeMetadata", "StringAttributeMetadata",
            "UniqueIdentifierAttributeMetadata");

    /**
     * Properties the sandbox emits that only some derived types declare: `$select` of one of them on
     * a type that does not declare it is an error, as in Dataverse.
     */
    private static final Map<String, Set<String>> DECLARED_BY = Map.of(
            "MaxLength", Set.of("StringAttributeMetadata", "MemoAttributeMetadata"),
            "FormatName", Set.of("StringAttributeMetadata", "MemoAttributeMetadata"),
            "Format", Set.of("StringAttributeMetadata", "MemoAttributeMetadata", "IntegerAttributeMetadata",
                    "DateTimeAttributeMetadata", "LookupAttributeMetadata"),
            "MinValue", Set.of("IntegerAttributeMetadata", "BigIntAttributeMetadata", "DecimalAttributeMetadata",
                    "DoubleAttributeMetadata", "MoneyAttributeMetadata"),
            "MaxValue", Set.of("IntegerAttributeMetadata", "BigIntAttributeMetadata", "DecimalAttributeMetadata",
                    "DoubleAttributeMetadata", "MoneyAttributeMetadata"),
            "Targets", Set.of("LookupAttributeMetadata"),
            "DateTimeBehavior", Set.of("DateTimeAttributeMetadata"),
            "DefaultValue", Set.of("BooleanAttributeMetadata"));

    private AttributeMetadataQuery() {
    }

    /** The derived metadata type of a column, as its `@odata.type` names it. */
    static String metadataType(AttributeDefinition attribute) {
        return switch (attribute.attributeType()) {
            case "Owner", "Lookup", "Customer" -> "LookupAttributeMetadata";
            case "Uniqueidentifier" -> "UniqueIdentifierAttributeMetadata";
            default -> attribute.attributeType() + "AttributeMetadata";
        };
    }

    /**
     * The answer to a GET of the attributes of `logicalName`, cast to `cast` (a type name without
     * namespace) or not (null).
     */
    static WebApiResponse answer(WebApiRequest request, String logicalName, String cast,
                                 Predicate<AttributeDefinition> deleted) {
        EntityDefinition entity = EntityDefinition.byLogicalName(logicalName).orElseThrow(() ->
                new DataverseFault(404, "0x80040217", "Could not find an entity with name " + logicalName + "."));
        if (cast != null && !CASTS.contains(cast)) {
            throw new DataverseFault(404, RowPayload.ODATA_ERROR,
                    "Resource not found for the segment 'Microsoft.Dynamics.CRM." + cast + "'.");
        }
        String type = cast == null ? "AttributeMetadata" : cast;
        Set<String> select = select(request.query().get("$select"), type);
        String filterText = request.query().get("$filter");
        Predicate<Function<String, Object>> filter = filterText == null || filterText.isBlank() ? null
                : ODataFilter.parse(filterText);
        JsonArrayBuilder value = JsonFactory.JSON.createArrayBuilder();
        for (AttributeDefinition a : entity.attributes()) {
            if (deleted.test(a) || (cast != null && !metadataType(a).equals(cast))) {
                continue;
            }
            JsonObject full = properties(entity, a);
            if (filter != null && !filter.test(name -> property(full, name))) {
                continue;
            }
            JsonObjectBuilder row = JsonFactory.JSON.createObjectBuilder();
            if (cast == null) {
                row.add("@odata.type", "#Microsoft.Dynamics.CRM." + metadataType(a));
            }
            full.forEach((k, v) -> {
                if (select == null || select.contains(k) || k.equals("MetadataId")) {
                    row.add(k, v);
                }
            });
            value.add(row);
        }
        String context = request.serviceRoot() + "$metadata#EntityDefinitions('" + logicalName + "')/Attributes"
                + (cast == null ? "" : "/Microsoft.Dynamics.CRM." + cast)
                + (select == null ? "" : "(" + String.join(",", select) + ")");
        return WebApiResponse.json(200, JsonFactory.JSON.createObjectBuilder()
                .add("@odata.context", context)
                .add("value", value).build().toString());
    }

    private static Set<String> select(String text, String type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String trimmed = name.trim();
            Set<String> declaring = DECLARED_BY.get(trimmed);
            if (declaring != null && !declaring.contains(type)) {
                throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "Could not find a property named '" + trimmed
                        + "' on type 'Microsoft.Dynamics.CRM." + type + "'.");
            }
            names.add(trimmed);
        }
        return names;
    }

    /** A property for `$filter`: `Name` or `Complex/Name`; JSON numbers as Long, booleans as Boolean. */
    private static Object property(JsonObject object, String path) {
        JsonValue v = object;
        for (String part : path.split("/")) {
            if (!(v instanceof JsonObject o) || !o.containsKey(part)) {
                return null;
            }
            v = o.get(part);
        }
        return switch (v.getValueType()) {
            case STRING -> ((jakarta.json.JsonString) v).getString();
            case NUMBER -> ((jakarta.json.JsonNumber) v).longValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Every property the sandbox knows of one column: the AttributeMetadata ones, then its type's own. */
    static JsonObject properties(EntityDefinition entity, AttributeDefinition a) {
        JsonObjectBuilder row = JsonFactory.JSON.createObjectBuilder()
                .add("MetadataId", UUID.nameUUIDFromBytes((entity.logicalName() + "." + a.logicalName())
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .add("LogicalName", a.logicalName())
                .add("AttributeType", a.attributeType())
                .add("AttributeTypeName", JsonFactory.JSON.createObjectBuilder().add("Value", a.attributeType() + "Type"))
                .add("RequiredLevel", JsonFactory.JSON.createObjectBuilder().add("Value", a.requiredLevel()).add("CanBeChanged", true)
                        .add("ManagedPropertyLogicalName", "canmodifyrequirementlevelsettings"))
                .add("IsValidForCreate", a.validForCreate())
                .add("IsValidForUpdate", a.validForUpdate())
                .add("IsValidForRead", true);
        switch (metadataType(a)) {
            case "StringAttributeMetadata", "MemoAttributeMetadata" -> {
                if (a.maxLength() != null) {
                    row.add("MaxLength", a.maxLength());
                }
                if (a.format() != null) {
                    row.add("Format", a.format());
                    row.add("FormatName", JsonFactory.JSON.createObjectBuilder().add("Value", a.format()));
                }
            }
            case "IntegerAttributeMetadata" -> {
                if (a.format() != null) {
                    row.add("Format", a.format());
                }
                if (a.minValue() != null) {
                    row.add("MinValue", a.minValue()).add("MaxValue", a.maxValue());
                }
            }
            case "LookupAttributeMetadata" -> {
                JsonArrayBuilder targets = JsonFactory.JSON.createArrayBuilder();
                List<String> names = EntityDefinition.lookupTargets(entity, a);
                names.forEach(targets::add);
                row.add("Targets", targets);
            }
            case "DateTimeAttributeMetadata" -> row.add("Format", "DateAndTime")
                    .add("DateTimeBehavior", JsonFactory.JSON.createObjectBuilder().add("Value", "UserLocal"));
            case "BooleanAttributeMetadata" -> row.add("DefaultValue", false);
            default -> {
            }
        }
        return row.build();
    }
}
