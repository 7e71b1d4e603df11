package org.leadsync.fields;

/** One row of the field set as docs/api.md writes it: a Marketo field and its lead and/or contact attribute. */
public record MappingLine(String marketoField, String leadField, String contactField) {
}
