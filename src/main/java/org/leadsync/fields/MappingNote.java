package org.leadsync.fields;

/** One problem or warning of a field setup, naming the row and column at fault (docs/api.md, Field mappings). */
public record MappingNote(String field, String message) {
}
