package org.leadsync.sandbox.dynamics;

import static org.leadsync.sandbox.dynamics.AttributeDefinition.integer;
import static org.leadsync.sandbox.dynamics.AttributeDefinition.memo;
import static org.leadsync.sandbox.dynamics.AttributeDefinition.of;
import static org.leadsync.sandbox.dynamics.AttributeDefinition.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The emulated tables and their columns, as the task's lead/contact/systemuser attribute lists give them. */
record EntityDefinition(String logicalName, String entitySetName, String primaryId, List<AttributeDefinition> attributes,
                        Map<String, Integer> byJsonName) {

    static final EntityDefinition LEAD = define("lead", "leads", "leadid", List.of(
            of("leadid", "Uniqueidentifier", "SystemRequired", true, false),
            text("firstname", 50, "None", "Text"),
            text("lastname", 50, "ApplicationRequired", "Text"),
            text("subject", 300, "ApplicationRequired", "Text"),
            text("companyname", 100, "None", "Text"),
            text("emailaddress1", 100, "None", "Email"),
            text("jobtitle", 100, "None", "Text"),
            text("telephone1", 50, "None", "Phone"),
            text("address1_city", 80, "None", "Text"),
            text("address1_postalcode", 20, "None", "Text"),
            text("address1_country", 80, "None", "Text"),
            text("websiteurl", 200, "None", "Url"),
            memo("description", 2000),
            integer("numberofemployees", 0, 1_000_000_000),
            of("statecode", "State", "SystemRequired", false, true),
            of("statuscode", "Status", "None", true, true),
            of("new_synctomkto", "Boolean", "None", true, true),
            of("ownerid", "Owner", "SystemRequired", true, true),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    static final EntityDefinition CONTACT = define("contact", "contacts", "contactid", List.of(
            of("contactid", "Uniqueidentifier", "SystemRequired", true, false),
            text("firstname", 50, "None", "Text"),
            text("lastname", 50, "ApplicationRequired", "Text"),
            text("emailaddress1", 100, "None", "Email"),
            text("jobtitle", 100, "None", "Text"),
            text("telephone1", 50, "None", "Phone"),
            text("address1_city", 80, "None", "Text"),
            text("address1_postalcode", 20, "None", "Text"),
            text("address1_country", 80, "None", "Text"),
            text("department", 100, "None", "Text"),
            memo("description", 2000),
            of("originatingleadid", "Lookup", "None", true, true),
            of("new_synctomkto", "Boolean", "None", true, true),
            of("statecode", "State", "SystemRequired", false, true),
            of("statuscode", "Status", "None", true, true),
            of("ownerid", "Owner", "SystemRequired", true, true),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    static final EntityDefinition SYSTEMUSER = define("systemuser", "systemusers", "systemuserid", List.of(
            of("systemuserid", "Uniqueidentifier", "SystemRequired", true, false),
            text("fullname", 200, "None", "Text"),
            text("firstname", 64, "None", "Text"),
            text("lastname", 64, "ApplicationRequired", "Text"),
            text("internalemailaddress", 100, "None", "Email"),
            text("address1_telephone1", 64, "None", "Phone"),
            text("title", 128, "None", "Text"),
            of("isdisabled", "Boolean", "None", true, true),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    static final EntityDefinition TEAM = define("team", "teams", "teamid", List.of(
            of("teamid", "Uniqueidentifier", "SystemRequired", true, false),
            text("name", 160, "SystemRequired", "Text"),
            text("emailaddress", 100, "None", "Email"),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    static final List<EntityDefinition> ALL = List.of(LEAD, CONTACT, SYSTEMUSER, TEAM);

    private static EntityDefinition define(String name, String set, String id, List<AttributeDefinition> attributes) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            index.put(attributes.get(i).jsonName(), i);
        }
        return new EntityDefinition(name, set, id, attributes, Map.copyOf(index));
    }

    static Optional<EntityDefinition> bySet(String set) {
        return ALL.stream().filter(e -> e.entitySetName.equals(set)).findFirst();
    }

    static Optional<EntityDefinition> byLogicalName(String name) {
        return ALL.stream().filter(e -> e.logicalName.equals(name)).findFirst();
    }

    /** Index of a column by its JSON name (`_ownerid_value`) or its logical name (`ownerid`); -1 when unknown. */
    int indexOf(String name) {
        Integer i = byJsonName.get(name);
        if (i != null) {
            return i;
        }
        for (int j = 0; j < attributes.size(); j++) {
            if (attributes.get(j).logicalName().equals(name)) {
                return j;
            }
        }
        return -1;
    }

    AttributeDefinition attribute(int index) {
        return attributes.get(index);
    }

    /** The tables a lookup column of `entity` can point to (LookupAttributeMetadata.Targets). */
    static List<String> lookupTargets(EntityDefinition entity, AttributeDefinition attribute) {
        return switch (attribute.logicalName()) {
            case "ownerid" -> List.of("systemuser", "team");
            case "originatingleadid" -> List.of("lead");
            default -> List.of();
        };
    }

    /**
     * The row's primary name (what a lookup to it shows and sorts by): `fullname`, which for a lead or
     * contact Dataverse composes as "first last".
     */
    Object primaryName(DynamicsTable table, DynamicsTable.Row row) {
        if (indexOf("fullname") >= 0) {
            return table.value(row, "fullname");
        }
        String name = (Objects.toString(table.value(row, "firstname"), "") + " "
                + Objects.toString(table.value(row, "lastname"), "")).trim();
        return name.isEmpty() ? null : name;
    }
}
