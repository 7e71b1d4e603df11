package org.leadsync.port;

import java.time.Instant;
import java.util.Map;

/** A custom activity to add to a person's Marketo activity log (R20: the sync's own log, pushed). */
public record CustomActivity(long personId, Instant at, int activityTypeId, String primaryAttributeValue,
                             Map<String, Object> attributes) {
}
