package org.leadsync.port;

import java.time.Instant;
import java.util.List;

/** A person created (New Lead) or changed (Change Data Value) in Marketo, as the change feed reports it. */
public record PersonChange(long activityId, long personId, Kind kind, Instant at, List<FieldChange> fields) {

    public enum Kind { CREATED, CHANGED }
}
