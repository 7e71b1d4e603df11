package org.leadsync.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.leadsync.flowaction.ActionRequest;
import org.leadsync.flowaction.CampaignRequest;
import org.leadsync.flowaction.ChangeOwnerRequest;
import org.leadsync.flowaction.CreateTaskRequest;
import org.leadsync.flowaction.MicrosoftAction;

/**
 * Reads the webhook body of the other flow actions (docs/api.md, Other flow actions), field by field so each
 * refusal names the field at fault. Marketo sends an empty person field as `""` or `null`: both are absent.
 */
final class MicrosoftActionBody {

    private MicrosoftActionBody() {
    }

    static final int MAX_SUBJECT = 200;
    static final int MAX_COMMENTS = 2000;
    static final int MAX_NAME = 200;
    static final int MAX_DUE_IN_DAYS = 3650;

    private static Set<String> known(MicrosoftAction action) {
        return switch (action) {
            case CHANGE_OWNER -> Set.of("leadId", "owner");
            case CREATE_TASK -> Set.of("leadId", "subject", "owner", "priority", "dueInDays", "comments");
            case ADD_TO_CAMPAIGN, REMOVE_FROM_CAMPAIGN -> Set.of("leadId", "campaign");
        };
    }

    static ActionRequest from(MicrosoftAction action, JsonValue value) {
        if (!(value instanceof JsonObject body)) {
            throw ApiProblem.badRequest("body", "A JSON object with leadId is required");
        }
        List<ApiError.Detail> problems = new ArrayList<>();
        Set<String> known = known(action);
        for (String key : body.keySet()) {
            if (!known.contains(key)) {
                String field = JsonBodyReading.shown(key);
                problems.add(new ApiError.Detail(field, "Unknown field " + field + "; expected " + String.join(", ", known.stream().sorted().toList())));
            }
        }
        long leadId = leadId(body.get("leadId"), problems);
        ActionRequest request = switch (action) {
            case CHANGE_OWNER -> new ChangeOwnerRequest(leadId, required(body, "owner", MAX_NAME, "a Dynamics user or team: its id or email", problems));
            case CREATE_TASK -> new CreateTaskRequest(leadId,
                    required(body, "subject", MAX_SUBJECT, "the task's subject", problems),
                    optional(body, "owner", MAX_NAME, problems),
                    priority(body.get("priority"), problems),
                    dueInDays(body.get("dueInDays"), problems),
                    optional(body, "comments", MAX_COMMENTS, problems));
            case ADD_TO_CAMPAIGN, REMOVE_FROM_CAMPAIGN -> new CampaignRequest(leadId, action,
                    required(body, "campaign", MAX_NAME, "a Dynamics marketing list: its id or name", problems));
        };
        if (!problems.isEmpty()) {
            throw new ApiProblem(400, "bad-request", problems.get(0).message(), problems);
        }
        return request;
    }

    private static long leadId(JsonValue value, List<ApiError.Detail> problems) {
        if (value == null || value == JsonValue.NULL) {
            problems.add(new ApiError.Detail("leadId", "leadId is required"));
            return 0;
        }
        Long id = value instanceof JsonNumber n ? SyncPersonBody.positiveLong(n) : null;
        if (id == null) {
            problems.add(new ApiError.Detail("leadId", "leadId must be a positive whole number (a Marketo person id)"));
            return 0;
        }
        return id;
    }

    private static String required(JsonObject body, String field, int max, String what, List<ApiError.Detail> problems) {
        String text = optional(body, field, max, problems);
        if (text == null && problems.stream().noneMatch(p -> p.field().equals(field))) {
            problems.add(new ApiError.Detail(field, field + " is required: " + what));
        }
        return text;
    }

    /** A string of at most `max` characters, trimmed; `""`, blank and `null` are absent. */
    private static String optional(JsonObject body, String field, int max, List<ApiError.Detail> problems) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            problems.add(new ApiError.Detail(field, field + " must be a string"));
            return null;
        }
        String text = s.getString().strip();
        if (text.length() > max) {
            problems.add(new ApiError.Detail(field, field + " is at most " + max + " characters"));
            return null;
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(new ApiError.Detail(field, field + " must not hold control characters"));
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    /** `low`, `normal` (default) or `high` (Dynamics' prioritycode 0, 1, 2). */
    private static int priority(JsonValue value, List<ApiError.Detail> problems) {
        if (value == null || value == JsonValue.NULL || value instanceof JsonString s && s.getString().isBlank()) {
            return 1;
        }
        if (value instanceof JsonString s) {
            switch (s.getString().strip().toLowerCase(java.util.Locale.ROOT)) {
                case "low":
                    return 0;
                case "normal":
                    return 1;
                case "high":
                    return 2;
                default:
                    break;
            }
        }
        problems.add(new ApiError.Detail("priority", "priority must be \"low\", \"normal\" or \"high\""));
        return 1;
    }

    /** A whole number of days from 0 to 3650 (default 5); a numeric token Marketo quotes as text counts too. */
    private static int dueInDays(JsonValue value, List<ApiError.Detail> problems) {
        if (value == null || value == JsonValue.NULL || value instanceof JsonString s && s.getString().isBlank()) {
            return CreateTaskRequest.DEFAULT_DUE_IN_DAYS;
        }
        BigDecimal days = null;
        if (value instanceof JsonNumber n && n.isIntegral()) {
            days = n.bigDecimalValue();
        } else if (value instanceof JsonString s && s.getString().strip().matches("\\d{1,4}")) {
            days = new BigDecimal(s.getString().strip());
        }
        if (days == null || days.signum() < 0 || days.compareTo(BigDecimal.valueOf(MAX_DUE_IN_DAYS)) > 0) {
            problems.add(new ApiError.Detail("dueInDays", "dueInDays must be a whole number of days from 0 to " + MAX_DUE_IN_DAYS));
            return CreateTaskRequest.DEFAULT_DUE_IN_DAYS;
        }
        return days.intValueExact();
    }
}
