package org.leadsync.port;

/** One entry of Marketo's field catalogue (leads/describe), for the field-mapping setup. */
public record MarketoFieldInfo(String name, String displayName, String dataType, Integer length, boolean readOnly) {
}
