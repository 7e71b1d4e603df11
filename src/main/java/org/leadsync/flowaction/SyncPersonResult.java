package org.leadsync.flowaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of R15's webhook (api.md): created, exists, or failed with Dynamics' validation errors. */
public record SyncPersonResult(long leadId, String outcome, String entity, String dynamicsId, List<FieldError> errors) {

    public record FieldError(String field, String code, String message) {
    }

    /** The answer as api.md prints it: only the keys the outcome has, in the documented order. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadId", leadId);
        body.put("outcome", outcome);
        if (entity != null) {
            body.put("entity", entity);
        }
        if (dynamicsId != null) {
            body.put("dynamicsId", dynamicsId);
        }
        if (errors != null) {
            body.put("errors", errors.stream().map(e -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("field", e.field());
                error.put("code", e.code());
                error.put("message", e.message());
                return error;
            }).toList());
        }
        return body;
    }

    public static SyncPersonResult created(long leadId, String entity, String dynamicsId) {
        return new SyncPersonResult(leadId, "created", entity, dynamicsId, null);
    }

    public static SyncPersonResult exists(long leadId, String entity, String dynamicsId) {
        return new SyncPersonResult(leadId, "exists", entity, dynamicsId, null);
    }

    public static SyncPersonResult failed(long leadId, List<FieldError> errors) {
        return new SyncPersonResult(leadId, "failed", null, null, errors);
    }
}
