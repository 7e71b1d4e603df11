package org.leadsync.api;

import org.leadsync.fields.MappingLine;
import java.util.List;

/**
 * The body of GET and PUT /api/field-mappings (api.md); `warnings` only in PUT's answer. Checked by
 * {@link MappingRules}, not Bean Validation: constraint annotations on record components make Payara's
 * OpenAPI generator fail (NPE in ApplicationProcessor.visitSize), taking /openapi down.
 */
public record FieldSetup(List<MappingLine> mappings, List<ApiError.Detail> warnings) {
}
