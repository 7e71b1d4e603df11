package org.leadsync.sync;

/**
 * R10/R12: for a new Dynamics record, whether a Marketo person is created, an existing one linked, or
 * nothing happens because that person already belongs to another record.
 */
public enum PersonMatch {
    CREATE,
    LINK,
    /** R12: the email belongs to a person already linked to another record; a sync error names both. */
    TAKEN_BY_ANOTHER_RECORD;

    /**
     * @param personFound        a person carries this record's id (msftId) or email
     * @param personLinkedTo     the Dynamics id that person is linked to, or null
     * @param recordId           the new record's id
     */
    public static PersonMatch of(boolean personFound, String personLinkedTo, String recordId) {
        if (!personFound) {
            return CREATE;
        }
        if (personLinkedTo == null || personLinkedTo.equalsIgnoreCase(recordId)) {
            return LINK;
        }
        return TAKEN_BY_ANOTHER_RECORD;
    }
}
