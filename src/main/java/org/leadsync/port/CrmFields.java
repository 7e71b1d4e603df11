package org.leadsync.port;

import java.util.LinkedHashMap;
import java.util.Map;

/** docs/sync-rules.md R1: the Marketo person fields LeadSync owns; they tell Marketo users which record a person is linked to. */
public final class CrmFields {

    public static final String TYPE = "msftType";
    public static final String ID = "msftId";
    public static final String DELETED = "msftIsDeleted";
    /** docs/sync-rules.md R22: the person's link to the sales person of its record's owner. */
    public static final String SALES_PERSON = "externalSalesPersonId";

    private CrmFields() {
    }

    public static Map<String, Object> linkedTo(CrmEntity entity, String dynamicsId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(TYPE, entity == CrmEntity.LEAD ? "Lead" : "Contact");
        fields.put(ID, dynamicsId);
        fields.put(DELETED, Boolean.FALSE);
        return fields;
    }

    public static Map<String, Object> deleted() {
        return Map.of(DELETED, Boolean.TRUE);
    }
}
