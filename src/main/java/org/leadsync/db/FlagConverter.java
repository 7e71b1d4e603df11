package org.leadsync.db;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Booleans live in SMALLINT 0/1 columns: EclipseLink 4's H2 platform binds booleans as numbers, which
 * H2 2.x refuses to compare with a BOOLEAN column; integers behave the same on H2 and PostgreSQL.
 */
@Converter
public class FlagConverter implements AttributeConverter<Boolean, Integer> {

    @Override
    public Integer convertToDatabaseColumn(Boolean flag) {
        return Boolean.TRUE.equals(flag) ? 1 : 0;
    }

    @Override
    public Boolean convertToEntityAttribute(Integer value) {
        return value != null && value != 0;
    }
}
