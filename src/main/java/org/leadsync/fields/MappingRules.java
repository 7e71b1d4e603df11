package org.leadsync.fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;
import org.leadsync.port.MarketoFieldInfo;

/**
 * What docs/api.md's field setup refuses and warns about, as plain Java: unknown fields, incompatible
 * types, read-only targets, a target used twice, a missing email mapping; and lengths that Dynamics
 * would cut. One problem, one detail, each naming the row and column at fault.
 */
public final class MappingRules {

    /** The person fields LeadSync itself keeps (docs/sync-rules.md R1): never mapped by an admin. */
    static final Set<String> RESERVED = Set.of("id", "msftType", "msftId", "msftIsDeleted", "externalSalesPersonId");

    private static final Map<String, Set<String>> COMPATIBLE = Map.of(
            "string", Set.of("String", "Memo"),
            "text", Set.of("String", "Memo"),
            "phone", Set.of("String"),
            "url", Set.of("String"),
            "integer", Set.of("Integer", "BigInt"),
            "float", Set.of("Double", "Decimal", "Money"),
            "currency", Set.of("Money", "Decimal", "Double"),
            "boolean", Set.of("Boolean"),
            "date", Set.of("DateTime"),
            "datetime", Set.of("DateTime"));

    public record Review(List<MappingNote> problems, List<MappingNote> warnings) {
    }

    private MappingRules() {
    }

    public static Review review(List<MappingLine> lines, Catalogue catalogue) {
        List<MappingNote> problems = new ArrayList<>();
        List<MappingNote> warnings = new ArrayList<>();
        Map<String, String> marketoSeen = new HashMap<>();
        Map<String, String> leadSeen = new HashMap<>();
        Map<String, String> contactSeen = new HashMap<>();
        boolean emailMapped = false;
        for (int i = 0; i < lines.size(); i++) {
            MappingLine line = lines.get(i);
            String row = "mappings[" + i + "]";
            if (line == null || blank(line.marketoField())) {
                problems.add(detail(row + ".marketoField", "marketoField is required"));
                continue;
            }
            String name = line.marketoField();
            twice(marketoSeen, name, row + ".marketoField", "Marketo field " + name, problems);
            MarketoFieldInfo field = catalogue.marketoField(name);
            if (field == null) {
                problems.add(detail(row + ".marketoField", "Marketo has no field " + name));
            } else if (RESERVED.contains(name)) {
                problems.add(detail(row + ".marketoField", name + " is kept by LeadSync itself and cannot be mapped"));
            } else if (field.readOnly()) {
                problems.add(detail(row + ".marketoField", "Marketo field " + name + " is read-only"));
            }
            if (blank(line.leadField()) && blank(line.contactField())) {
                problems.add(detail(row, name + " maps to neither a lead nor a contact attribute"));
            }
            for (CrmEntity entity : CrmEntity.values()) {
                String target = entity == CrmEntity.LEAD ? line.leadField() : line.contactField();
                if (blank(target)) {
                    continue;
                }
                String column = row + (entity == CrmEntity.LEAD ? ".leadField" : ".contactField");
                twice(entity == CrmEntity.LEAD ? leadSeen : contactSeen, target, column,
                        entity.logicalName() + " attribute " + target, problems);
                DynamicsAttribute attribute = catalogue.attribute(entity, target);
                if (attribute == null) {
                    problems.add(detail(column, "Dynamics " + entity.logicalName() + " has no attribute " + target));
                    continue;
                }
                if (!attribute.validForUpdate() || !attribute.validForCreate()) {
                    problems.add(detail(column, entity.logicalName() + " attribute " + target + " is read-only"));
                }
                if (field != null && !compatible(field, attribute)) {
                    problems.add(detail(column, "Marketo " + field.dataType() + " field " + name + " cannot sync with "
                            + attribute.attributeType() + (attribute.format() == null ? "" : " (" + attribute.format() + ")")
                            + " attribute " + target));
                }
                if (field != null && field.length() != null && attribute.maxLength() != null
                        && field.length() > attribute.maxLength()) {
                    warnings.add(detail(column, name + " holds up to " + field.length() + " characters in Marketo; "
                            + entity.logicalName() + "." + target + " takes at most " + attribute.maxLength()
                            + ": longer values will fail to sync to Dynamics"));
                }
            }
            emailMapped |= "email".equals(name) && "emailaddress1".equals(line.leadField())
                    && "emailaddress1".equals(line.contactField());
        }
        if (!emailMapped) {
            problems.add(detail("mappings", "email must be mapped to emailaddress1 for both leads and contacts (docs/sync-rules.md R2)"));
        }
        return new Review(problems, warnings);
    }

    static boolean compatible(MarketoFieldInfo field, DynamicsAttribute attribute) {
        if ("email".equals(field.dataType())) {
            return "String".equals(attribute.attributeType()) && "Email".equals(attribute.format());
        }
        return COMPATIBLE.getOrDefault(field.dataType(), Set.of()).contains(attribute.attributeType());
    }

    private static void twice(Map<String, String> seen, String name, String where, String what,
                              List<MappingNote> problems) {
        String first = seen.putIfAbsent(name, where);
        if (first != null) {
            problems.add(detail(where, what + " is already used by " + first));
        }
    }

    private static MappingNote detail(String field, String message) {
        return new MappingNote(field, message);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
