package org.leadsync.sandbox.marketo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The person fields the sandbox knows: Marketo's standard ones plus the CRM fields LeadSync keeps (docs/sandbox.md). */
final class FieldCatalogue {

    static final List<MarketoField> FIELDS = List.of(
            new MarketoField(1, "id", "Id", "integer", null, true),
            new MarketoField(2, "email", "Email Address", "email", 255, false),
            new MarketoField(3, "firstName", "First Name", "string", 255, false),
            new MarketoField(4, "lastName", "Last Name", "string", 255, false),
            new MarketoField(5, "company", "Company Name", "string", 255, false),
            new MarketoField(6, "title", "Job Title", "string", 255, false),
            new MarketoField(7, "phone", "Phone Number", "phone", 255, false),
            new MarketoField(8, "leadSource", "Lead Source", "string", 255, false),
            new MarketoField(9, "leadStatus", "Lead Status", "string", 255, false),
            new MarketoField(10, "postalCode", "Postal Code", "string", 255, false),
            new MarketoField(11, "city", "City", "string", 255, false),
            new MarketoField(12, "country", "Country", "string", 255, false),
            new MarketoField(13, "website", "Website", "url", 255, false),
            new MarketoField(48, "department", "Department", "string", 255, false),
            new MarketoField(14, "createdAt", "Created At", "datetime", null, true),
            new MarketoField(15, "updatedAt", "Updated At", "datetime", null, true),
            new MarketoField(16, "msftType", "CRM Type", "string", 255, false),
            new MarketoField(17, "msftId", "CRM Id", "string", 255, false),
            new MarketoField(18, "msftIsDeleted", "CRM Is Deleted", "boolean", null, false),
            new MarketoField(60, "externalSalesPersonId", "External Sales Person Id", "string", 255, false),
            new MarketoField(61, "leadOwnerFirstName", "Lead Owner First Name", "string", 255, true),
            new MarketoField(62, "leadOwnerLastName", "Lead Owner Last Name", "string", 255, true),
            new MarketoField(63, "leadOwnerEmail", "Lead Owner Email Address", "email", 255, true),
            new MarketoField(64, "leadOwnerPhone", "Lead Owner Phone Number", "phone", 255, true),
            new MarketoField(65, "leadOwnerJobTitle", "Lead Owner Job Title", "string", 255, true));

    /** Marketo answers leads.json with these when no `fields` are asked for. */
    static final List<String> DEFAULT_FIELDS = List.of("id", "updatedAt", "lastName", "email", "createdAt", "firstName");

    private static final Map<String, MarketoField> BY_NAME = new LinkedHashMap<>();

    static {
        FIELDS.forEach(f -> BY_NAME.put(f.name(), f));
    }

    private FieldCatalogue() {
    }

    static MarketoField find(String name) {
        return BY_NAME.get(name);
    }
}
