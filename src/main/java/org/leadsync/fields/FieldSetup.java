package org.leadsync.fields;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.leadsync.ops.ApiError;

/** The body of GET and PUT /api/field-mappings (api.md); `warnings` only in PUT's answer. */
public record FieldSetup(
        @NotNull(message = "mappings is required") @Size(max = 500, message = "at most 500 mappings")
        List<@NotNull(message = "a mapping may not be null") @Valid MappingLine> mappings,
        List<ApiError.Detail> warnings) {
}
