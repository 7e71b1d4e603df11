package org.leadsync.flowaction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a call of another flow action came to (docs/api.md, Other flow actions); the API maps the outcome to its
 * status code. `done` is the wire name of a success (`assigned`, `created`, `added`, `removed`), `details` the
 * keys its answer carries, `error` the refusal of a `FAILED` one, `message` what a log entry says.
 */
public record ActionResult(long leadId, Outcome outcome, String done, Map<String, Object> details,
                           SyncPersonResult.FieldError error, String message) {

    public enum Outcome {
        DONE, NOT_SYNCED, FAILED, UNAVAILABLE
    }

    public static ActionResult done(long leadId, String done, Map<String, Object> details, String message) {
        return new ActionResult(leadId, Outcome.DONE, done, details, null, message);
    }

    public static ActionResult notSynced(long leadId) {
        return new ActionResult(leadId, Outcome.NOT_SYNCED, null, Map.of(), null,
                "The person has no Dynamics record yet (Sync Person to Microsoft first)");
    }

    public static ActionResult failed(long leadId, String field, String code, String message) {
        return new ActionResult(leadId, Outcome.FAILED, null, Map.of(), new SyncPersonResult.FieldError(field, code, message), message);
    }

    public static ActionResult unavailable(long leadId, String message) {
        return new ActionResult(leadId, Outcome.UNAVAILABLE, null, Map.of(), null, message);
    }

    /** The answer as docs/api.md prints it. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadId", leadId);
        body.put("outcome", outcome == Outcome.DONE ? done : "failed");
        body.putAll(details);
        if (error != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("field", error.field());
            e.put("code", error.code());
            e.put("message", error.message());
            body.put("errors", java.util.List.of(e));
        }
        return body;
    }
}
