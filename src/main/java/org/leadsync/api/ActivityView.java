package org.leadsync.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.leadsync.activity.ActivityEntry;

/** One entry of a person's activity log as docs/api.md shows it (Activity log). */
@JsonbPropertyOrder({"id", "at", "type", "direction", "operation", "entity", "dynamicsId", "outcome", "fields",
        "errorCode", "message"})
public record ActivityView(long id, Instant at, String type, String direction, String operation, String entity,
                           String dynamicsId, String outcome, List<String> fields, String errorCode, String message) {

    static ActivityView of(ActivityEntry entry) {
        return new ActivityView(entry.id(), entry.occurredAt(), entry.type(), entry.direction(), entry.operation(),
                entry.entity(), entry.dynamicsId(), entry.outcome(),
                entry.fieldList().isEmpty() ? null : entry.fieldList(), entry.errorCode(), entry.message());
    }

    /** The body of GET /api/persons/{leadId}/activities. */
    public record Page(long leadId, List<ActivityView> activities) {
    }
}
