package org.leadsync.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmFields;
import org.leadsync.port.DynamicsRecord;

/**
 * docs/sync-rules.md R22: a lead's or contact's owner becomes its person's sales-person link, one way. The link
 * keeps the owner last written in a snapshot row of its own ({@link CrmFields#SALES_PERSON}), so an unchanged
 * owner is never written again and a changed one is written once.
 */
final class OwnerLink {

    /** The lookup every lead and contact has; a table without it (a customer's schema) syncs no owner. */
    static final String ATTRIBUTE = "ownerid";

    private OwnerLink() {
    }

    /** The record's owner as the person's field, or nothing when the record carries no owner. */
    static Map<String, Object> of(DynamicsRecord record) {
        if (FieldValue.normalise(record.get(ATTRIBUTE)) == null) {
            return Map.of();
        }
        Map<String, Object> field = new HashMap<>();
        field.put(CrmFields.SALES_PERSON, FieldValue.normalise(record.get(ATTRIBUTE)));
        return field;
    }

    /** {@link #of}, but only when it differs from what the link last wrote (R7's comparison). */
    static Map<String, Object> changed(DynamicsRecord record, RecordLink link) {
        Map<String, Object> owner = of(record);
        if (owner.isEmpty()) {
            return owner;
        }
        Map<String, String> snapshot = link.snapshotValues();
        boolean same = snapshot.containsKey(CrmFields.SALES_PERSON)
                && FieldValue.same(snapshot.get(CrmFields.SALES_PERSON), owner.get(CrmFields.SALES_PERSON));
        return same ? Map.of() : owner;
    }

    /** After a successful write of `written` to the person: the owner it carried is the link's now. */
    static void written(RecordLink link, Map<String, ?> written, Instant now) {
        if (written.containsKey(CrmFields.SALES_PERSON)) {
            link.recordSnapshot(CrmFields.SALES_PERSON, FieldValue.normalise(written.get(CrmFields.SALES_PERSON)), now);
        }
    }

    /** `base` with the owner added (a person's CRM fields on creation, linking or conversion). */
    static Map<String, Object> with(Map<String, Object> base, Map<String, Object> owner) {
        if (owner.isEmpty()) {
            return base;
        }
        Map<String, Object> all = new java.util.LinkedHashMap<>(base);
        all.putAll(owner);
        return all;
    }
}
