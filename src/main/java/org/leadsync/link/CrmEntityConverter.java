package org.leadsync.link;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.leadsync.port.CrmEntity;

/** Stores the entity as Dynamics' own logical name, so the table reads like the API. */
@Converter(autoApply = true)
public class CrmEntityConverter implements AttributeConverter<CrmEntity, String> {

    @Override
    public String convertToDatabaseColumn(CrmEntity entity) {
        return entity == null ? null : entity.logicalName();
    }

    @Override
    public CrmEntity convertToEntityAttribute(String name) {
        return name == null ? null : CrmEntity.fromLogicalName(name);
    }
}
