package org.leadsync.api;

import java.util.List;
import org.leadsync.fields.MappingLine;
import org.leadsync.fields.MappingNote;

/**
 * The body of GET and PUT /api/field-mappings (docs/api.md); `warnings` only in PUT's answer. Checked by
 * {@link MappingRules}, not Bean Validation: constraint annotations on record components make Payara's
 * OpenAPI generator fail (NPE in ApplicationProcessor.visitSize), taking /openapi down.
 */
public record FieldSetup(List<MappingLine> mappings, List<MappingNote> warnings) {
}
