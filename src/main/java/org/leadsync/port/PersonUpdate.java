package org.leadsync.port;

import java.util.Map;

/** The changed fields of one existing Marketo person, by its id. */
public record PersonUpdate(long personId, Map<String, Object> fields) {
}
