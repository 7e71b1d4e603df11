package org.leadsync.port;

/**
 * One attribute of the Dynamics field catalogue (from EntityDefinitions(...)/Attributes), for the
 * validator (R17) and GET /api/fields. minValue/maxValue only for whole numbers.
 */
public record DynamicsAttribute(String logicalName, String attributeType, String format, Integer maxLength,
                                String requiredLevel, boolean validForCreate, boolean validForUpdate,
                                Long minValue, Long maxValue) {

    public boolean readOnly() {
        return !validForCreate && !validForUpdate;
    }

    public boolean required() {
        return "SystemRequired".equals(requiredLevel) || "ApplicationRequired".equals(requiredLevel);
    }
}
