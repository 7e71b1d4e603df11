package org.leadsync.sync;

import org.leadsync.link.LinkState;
import org.leadsync.port.CrmEntity;

/**
 * What a cycle does with one change from the Dynamics feed (R10, R13, R14, R16), decided from facts
 * the cycle gathered: the record's link (if any), the filter, deletion and lead qualification.
 */
public enum DynamicsRoute {
    /** Linked and active: three-way merge (R7). */
    MERGE,
    /** R13 true→false: the link becomes filtered-out and stops moving updates. */
    FILTER_OUT,
    /** R13 false→true: the link is active again and the record is merged into Marketo. */
    FILTER_IN,
    /** R14: the person keeps living with msftIsDeleted=true; the link becomes deleted-in-dynamics. */
    MARK_DELETED,
    /** R16: a contact qualified from a linked lead takes the lead's place in the link. */
    FOLLOW_CONVERSION,
    /** R10: a new record that passes the filter: link the person with its email, or create one. */
    CREATE_OR_LINK_PERSON,
    /** Nothing to do: filtered out and unlinked, already deleted, or a qualified lead (R16). */
    IGNORE;

    /**
     * @param link            the record's link state, or null when it has none
     * @param deleted         the feed reported the record deleted
     * @param passesFilter    {@link SyncFilter#passes} on the record
     * @param qualifiedLead   the record is a lead some link was converted from (R16: never written again)
     * @param fromLinkedLead  a contact whose originating lead is linked to a person
     */
    public static DynamicsRoute of(CrmEntity entity, LinkState link, boolean deleted, boolean passesFilter,
                                   boolean qualifiedLead, boolean fromLinkedLead) {
        if (qualifiedLead && entity == CrmEntity.LEAD) {
            return IGNORE;
        }
        if (link == null) {
            if (deleted) {
                return IGNORE;
            }
            if (entity == CrmEntity.CONTACT && fromLinkedLead) {
                return FOLLOW_CONVERSION;
            }
            return passesFilter ? CREATE_OR_LINK_PERSON : IGNORE;
        }
        if (link == LinkState.DELETED_IN_DYNAMICS) {
            return IGNORE;
        }
        if (deleted) {
            return MARK_DELETED;
        }
        if (link == LinkState.FILTERED_OUT) {
            return passesFilter ? FILTER_IN : IGNORE;
        }
        return passesFilter ? MERGE : FILTER_OUT;
    }
}
