package org.leadsync.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.leadsync.activity.ActivityEntry;

/** One failure in the sync-errors view: both ids, so ops can find the record on either side. */
@JsonbPropertyOrder({"id", "at", "leadId", "dynamicsId", "entity", "operation", "direction", "errorCode", "message"})
public record SyncError(long id, Instant at, Long leadId, String dynamicsId, String entity, String operation,
                        String direction, String errorCode, String message) {

    /** Column order of the CSV export; matches the JSON names. */
    public static final List<String> COLUMNS = List.of("id", "at", "leadId", "dynamicsId", "entity", "operation",
            "direction", "errorCode", "message");

    static SyncError of(ActivityEntry entry) {
        return new SyncError(entry.id(), entry.occurredAt(), entry.personId(), entry.dynamicsId(), entry.entity(),
                entry.operation(), entry.direction(), entry.errorCode(), entry.message());
    }

    List<String> cells() {
        return Arrays.asList(String.valueOf(id), at == null ? null : at.toString(),
                leadId == null ? null : leadId.toString(), dynamicsId, entity, operation, direction, errorCode, message);
    }
}
