package org.leadsync.flowaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadsync.fields.FieldCatalogue;
import org.leadsync.fields.FieldMappings;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.MarketoFieldInfo;
import org.leadsync.sync.FieldSet;

/**
 * The Marketo webhook set-up for Sync Person to Microsoft (docs/api.md, Flow action: template), generated
 * from the current field mappings: the payload carries every mapped person field as a Marketo token, so the
 * call needs no Marketo read. Marketo's own rules apply: with request token encoding JSON it quotes and
 * escapes string tokens itself, so every token stands bare in the template.
 */
@ApplicationScoped
public class WebhookTemplate {

    public static final String PATH = "/api/flow-actions/" + FlowActionCall.SYNC_PERSON;

    @Inject
    FieldMappings mappings;

    @Inject
    FieldCatalogue catalogue;

    /** The set-up for calls that create a `syncAs` record. */
    public Map<String, Object> syncPersonToMicrosoft(CrmEntity syncAs) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("email");
        for (CrmEntity entity : CrmEntity.values()) {
            fields.addAll(FieldSet.of(entity, mappings.current()).marketoFields());
        }
        Map<String, String> displayNames = new LinkedHashMap<>();
        for (MarketoFieldInfo field : catalogue.current(false).marketo()) {
            displayNames.put(field.name(), field.displayName());
        }
        StringBuilder template = new StringBuilder("{\"leadId\": {{lead.Id}}, \"syncAs\": \"")
                .append(syncAs.logicalName()).append("\", \"person\": {");
        String separator = "";
        for (String field : fields) {
            template.append(separator).append('"').append(field).append("\": ").append(token(displayNames.getOrDefault(field, field)));
            separator = ", ";
        }
        template.append("}}");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", FlowActionCall.SYNC_PERSON);
        out.put("path", PATH);
        out.put("requestType", "POST");
        out.put("requestTokenEncoding", "JSON");
        out.put("responseType", "JSON");
        out.put("headers", List.of(Map.of("name", "X-Api-Key", "value", "<leadsync.webhook.api-key>")));
        out.put("template", template.toString());
        out.put("personFields", List.copyOf(fields));
        out.put("responseMappings", List.of(
                Map.of("responseAttribute", "dynamicsId", "marketoField", "<a person field of yours>"),
                Map.of("responseAttribute", "outcome", "marketoField", "<a person field of yours>")));
        return out;
    }

    /**
     * The set-up of another flow action (docs/api.md, Other flow actions): `leadId` as Marketo's token, the
     * action's parameters as constants the user replaces (or as tokens of fields of their own).
     */
    public Map<String, Object> forAction(MicrosoftAction action) {
        String parameters = switch (action) {
            case CHANGE_OWNER -> "\"owner\": \"<user or team: id or email>\"";
            case CREATE_TASK -> "\"subject\": \"<subject>\", \"owner\": \"<user or team: id or email, or leave out>\", "
                    + "\"priority\": \"normal\", \"dueInDays\": " + CreateTaskRequest.DEFAULT_DUE_IN_DAYS + ", \"comments\": \"<comments>\"";
            case ADD_TO_CAMPAIGN, REMOVE_FROM_CAMPAIGN -> "\"campaign\": \"<marketing list: id or name>\"";
        };
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", action.path());
        out.put("path", "/api/flow-actions/" + action.path());
        out.put("requestType", "POST");
        out.put("requestTokenEncoding", "JSON");
        out.put("responseType", "JSON");
        out.put("headers", List.of(Map.of("name", "X-Api-Key", "value", "<leadsync.webhook.api-key>")));
        out.put("template", "{\"leadId\": " + token("Id") + ", " + parameters + "}");
        out.put("responseMappings", List.of(
                Map.of("responseAttribute", "outcome", "marketoField", "<a person field of yours>")));
        return out;
    }

    /** `{{lead.<display name>}}`: the token Marketo fills in for a person field. */
    static String token(String displayName) {
        return "{{lead." + displayName + "}}";
    }
}
