package org.leadsync.fields;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One row of the field set as api.md writes it: a Marketo field and its lead and/or contact attribute. */
public record MappingLine(
        @NotBlank(message = "marketoField is required") @Size(max = 100, message = "at most 100 characters") String marketoField,
        @Size(max = 100, message = "at most 100 characters") String leadField,
        @Size(max = 100, message = "at most 100 characters") String contactField) {
}
