package org.leadsync.link;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the state with the spelling of docs/sync-rules.md R1 (`deleted-in-dynamics`). */
@Converter(autoApply = true)
public class LinkStateConverter implements AttributeConverter<LinkState, String> {

    @Override
    public String convertToDatabaseColumn(LinkState state) {
        return state == null ? null : state.label();
    }

    @Override
    public LinkState convertToEntityAttribute(String label) {
        return label == null ? null : LinkState.fromLabel(label);
    }
}
