package org.leadsync.sandbox.dynamics;

/** One column of an emulated table, shaped like Dataverse's AttributeMetadata (docs/sandbox.md, EntityDefinitions). */
record AttributeDefinition(String logicalName, String attributeType, String requiredLevel, Integer maxLength,
                           String format, boolean validForCreate, boolean validForUpdate, Long minValue, Long maxValue) {

    static AttributeDefinition text(String name, int maxLength, String requiredLevel, String format) {
        return new AttributeDefinition(name, "String", requiredLevel, maxLength, format, true, true, null, null);
    }

    static AttributeDefinition memo(String name, int maxLength) {
        return new AttributeDefinition(name, "Memo", "None", maxLength, "TextArea", true, true, null, null);
    }

    static AttributeDefinition of(String name, String type, String requiredLevel, boolean create, boolean update) {
        return new AttributeDefinition(name, type, requiredLevel, null, null, create, update, null, null);
    }

    static AttributeDefinition integer(String name, long min, long max) {
        return new AttributeDefinition(name, "Integer", "None", null, "None", true, true, min, max);
    }

    boolean isLookup() {
        return attributeType.equals("Lookup") || attributeType.equals("Owner");
    }

    boolean isWholeNumber() {
        return switch (attributeType) {
            case "Integer", "State", "Status", "Picklist" -> true;
            default -> false;
        };
    }

    /** The name a row's JSON uses: lookups come back as `_x_value` (Web API, lookup properties). */
    String jsonName() {
        return isLookup() ? "_" + logicalName + "_value" : logicalName;
    }
}
