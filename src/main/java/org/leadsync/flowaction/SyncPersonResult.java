package org.leadsync.flowaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one "Sync Person to Microsoft" call came to (docs/sync-rules.md R15); the API maps each outcome to
 * its status code (docs/api.md, Flow action). `message` explains a not-found or unavailable outcome.
 */
public record SyncPersonResult(long leadId, Outcome outcome, String entity, String dynamicsId, List<FieldError> errors,
                               String message) {

    public enum Outcome {
        CREATED("created"), EXISTS("exists"), FAILED("failed"), PERSON_NOT_FOUND("not-found"), UNAVAILABLE("unavailable");

        public final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }
    }

    public record FieldError(String field, String code, String message) {
    }

    /** The answer as docs/api.md prints it: only the keys the outcome has, in the documented order. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadId", leadId);
        body.put("outcome", outcome.wireName);
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
        return new SyncPersonResult(leadId, Outcome.CREATED, entity, dynamicsId, null, null);
    }

    public static SyncPersonResult exists(long leadId, String entity, String dynamicsId) {
        return new SyncPersonResult(leadId, Outcome.EXISTS, entity, dynamicsId, null, null);
    }

    public static SyncPersonResult failed(long leadId, List<FieldError> errors) {
        return new SyncPersonResult(leadId, Outcome.FAILED, null, null, errors, null);
    }

    public static SyncPersonResult personNotFound(long leadId) {
        return new SyncPersonResult(leadId, Outcome.PERSON_NOT_FOUND, null, null, null, "Marketo has no person with id " + leadId);
    }

    public static SyncPersonResult unavailable(long leadId, String message) {
        return new SyncPersonResult(leadId, Outcome.UNAVAILABLE, null, null, null, message);
    }
}
