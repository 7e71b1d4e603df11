package org.leadsync.port;

import java.util.Map;

/** A Marketo person as read: its id and the asked-for fields (strings, numbers, booleans or null). */
public record MarketoPerson(long id, Map<String, Object> fields) {
}
