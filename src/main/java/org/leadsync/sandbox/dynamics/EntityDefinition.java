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

    /** An owner team (flow actions Change Owner, Create Task: docs/sandbox.md, Teams). */
    static final EntityDefinition TEAM = define("team", "teams", "teamid", List.of(
            of("teamid", "Uniqueidentifier", "SystemRequired", true, false),
            text("name", 160, "ApplicationRequired", "Text"),
            text("emailaddress", 100, "None", "Email"),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    /** A task activity regarding a lead or contact (docs/sandbox.md, Tasks); its key is `activityid`. */
    static final EntityDefinition TASK = define("task", "tasks", "activityid", List.of(
            of("activityid", "Uniqueidentifier", "SystemRequired", true, false),
            text("subject", 200, "ApplicationRequired", "Text"),
            memo("description", 2000),
            new AttributeDefinition("prioritycode", "Picklist", "None", null, null, true, true, 0L, 2L),
            of("scheduledend", "DateTime", "None", true, true),
            of("regardingobjectid", "Lookup", "None", true, true),
            of("ownerid", "Owner", "SystemRequired", true, true),
            of("statecode", "State", "SystemRequired", false, true),
            of("statuscode", "Status", "None", true, true),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    /** A static marketing list of leads (createdfromcode 4) or contacts (2) (docs/sandbox.md, Marketing lists). */
    static final EntityDefinition LIST = define("list", "lists", "listid", List.of(
            of("listid", "Uniqueidentifier", "SystemRequired", true, false),
            text("listname", 128, "ApplicationRequired", "Text"),
            new AttributeDefinition("createdfromcode", "Picklist", "ApplicationRequired", null, null, true, false, 1L, 4L),
            of("ownerid", "Owner", "SystemRequired", true, true),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    /** One member of a list; written only through AddMemberList / RemoveMemberList, as in Dataverse. */
    static final EntityDefinition LISTMEMBER = define("listmember", "listmembers", "listmemberid", List.of(
            of("listmemberid", "Uniqueidentifier", "SystemRequired", false, false),
            of("listid", "Lookup", "SystemRequired", false, false),
            of("entityid", "Lookup", "SystemRequired", false, false),
            of("createdon", "DateTime", "None", false, false),
            of("modifiedon", "DateTime", "None", false, false)));

    static final List<EntityDefinition> ALL = List.of(LEAD, CONTACT, SYSTEMUSER,
            TEAM, TASK, LIST, LISTMEMBER);

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
            case "regardingobjectid", "entityid" -> List.of("lead", "contact");
            case "listid" -> List.of("list");
            default -> List.of();
        };
    }

    /**
     * The lookup column a `name@odata.bind` key writes and the entity sets it may point to (Web API,
     * "Associate table rows on create"): a lookup by its logical name (`ownerid`: /systemusers or /teams),
     * and a task's `regardingobjectid_lead_task` / `regardingobjectid_contact_task` single-valued
     * navigation properties. Empty when `name` is no such property of this table.
     */
    Optional<Binding> navigation(String name) {
        if (logicalName.equals("task") && name.startsWith("regardingobjectid_") && name.endsWith("_task")) {
            String target = name.substring("regardingobjectid_".length(), name.length() - "_task".length());
            return byLogicalName(target).filter(t -> t == LEAD || t == CONTACT)
                    .map(t -> new Binding(indexOf("regardingobjectid"), List.of(t.entitySetName)));
        }
        int index = indexOf(name);
        if (index < 0 || !attributes.get(index).isLookup() || !attributes.get(index).logicalName().equals(name)
                || logicalName.equals("task") && name.equals("regardingobjectid")) {
            return Optional.empty();
        }
        List<String> sets = lookupTargets(this, attributes.get(index)).stream().map(EntityDefinition::byLogicalName)
                .flatMap(Optional::stream).map(EntityDefinition::entitySetName).toList();
        return Optional.of(new Binding(index, sets));
    }

    /** A navigation property: the column it writes, the entity sets its reference may name. */
    record Binding(int index, List<String> sets) {
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
