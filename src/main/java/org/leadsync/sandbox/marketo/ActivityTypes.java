package org.leadsync.sandbox.marketo;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.leadsync.sandbox.JsonFactory;

/**
 * GET /rest/v1/activities/types.json (REST API docs, "Activities", Describe; endpoint Get Activity
 * Types): the activity types the sandbox logs, each with `id`, `name`, `description`,
 * `primaryAttribute {name, dataType}` and `attributes [{name, dataType}]`. The attribute lists hold
 * every attribute the sandbox writes on activities of that type.
 */
final class ActivityTypes {

    private static final JsonArray ALL = JsonFactory.JSON.createArrayBuilder()
            .add(type(Activity.NEW_LEAD, "New Lead", "New person/record is added to the lead database",
                    "Lead ID", "integer",
                    "Created Date", "date", "Form Name", "string", "Lead Source", "string", "List Name", "string",
                    "SFDC Type", "string", "Source Type", "string", "API Method Name", "string",
                    "Modifying User", "string", "Request Id", "string"))
            .add(type(Activity.CHANGE_DATA_VALUE, "Change Data Value", "Changed attribute value for a person/record",
                    "Attribute Name", "integer",
                    "New Value", "text", "Old Value", "text", "Reason", "text", "Source", "string", "Lead ID", "integer",
                    "API Method Name", "string", "Modifying User", "string", "Request Id", "string"))
            .add(type(Activity.DELETE_LEAD, "Delete Lead", "Person/record is deleted from the lead database",
                    "Lead ID", "integer",
                    "Removed from", "string"))
            .build();

    private ActivityTypes() {
    }

    static JsonArray all() {
        return ALL;
    }

    private static JsonObjectBuilder type(int id, String name, String description, String primaryName, String primaryType,
                                          String... attributeNamesAndTypes) {
        JsonArrayBuilder attributes = JsonFactory.JSON.createArrayBuilder();
        for (int i = 0; i < attributeNamesAndTypes.length; i += 2) {
            attributes.add(JsonFactory.JSON.createObjectBuilder()
                    .add("name", attributeNamesAndTypes[i]).add("dataType", attributeNamesAndTypes[i + 1]));
        }
        return JsonFactory.JSON.createObjectBuilder()
                .add("id", id)
                .add("name", name)
                .add("description", description)
                .add("primaryAttribute", JsonFactory.JSON.createObjectBuilder().add("name", primaryName).add("dataType", primaryType))
                .add("attributes", attributes);
    }
}
