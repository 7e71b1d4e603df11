package org.leadsync.sandbox.marketo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One entry of the activity log: New Lead (12), Change Data Value (13), Delete Lead (37) or a custom type. */
record Activity(long id, long leadId, Instant date, int typeId, String primaryAttributeValue,
                List<Change> fields, Map<String, Object> attributes) {

    static final int NEW_LEAD = 12;
    static final int CHANGE_DATA_VALUE = 13;
    static final int DELETE_LEAD = 37;

    /** A changed field of a Change Data Value activity; values as Marketo renders them (strings). */
    record Change(int fieldId, String name, String newValue, String oldValue) {
    }
}
