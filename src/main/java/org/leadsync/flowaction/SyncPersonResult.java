package org.leadsync.flowaction;

import java.util.List;

/** The answer of R15's webhook (api.md): created, exists, or failed with Dynamics' validation errors. */
public record SyncPersonResult(long leadId, String outcome, String entity, String dynamicsId, List<FieldError> errors) {

    public record FieldError(String field, String code, String message) {
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
