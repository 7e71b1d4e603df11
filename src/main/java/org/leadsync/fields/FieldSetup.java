package org.leadsync.fields;

import java.util.List;
import org.leadsync.ops.ApiError;

/** The body of GET and PUT /api/field-mappings (api.md); `warnings` only in PUT's answer. */
public record FieldSetup(List<MappingLine> mappings, List<ApiError.Detail> warnings) {
}
