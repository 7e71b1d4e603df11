package org.leadsync.flowaction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.link.RecordLink;
import org.leadsync.link.RecordLinks;
import org.leadsync.port.CrmEntity;

/**
 * The flow action's database steps, each committed on its own: a link must be visible to a waiting
 * concurrent call before the creation claim is given back (R15).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FlowActionLinks {

    @Inject
    RecordLinks links;

    @Inject
    ActivityLog activities;

    public Optional<RecordLink> byPerson(long personId) {
        return links.byPerson(personId);
    }

    /** One query for a batch of persons (the retrier's write-back). */
    public Map<Long, RecordLink> byPersons(Collection<Long> personIds) {
        return links.byPersons(personIds);
    }

    public Optional<RecordLink> byRecord(String dynamicsId) {
        return links.byDynamicsId(dynamicsId);
    }

    /** The one linking step the cycle uses too (RecordLinks#link), committed before the claim is given back. */
    public RecordLink link(long personId, CrmEntity entity, String dynamicsId, Map<String, String> agreed, Instant now) {
        return links.link(personId, entity, dynamicsId, agreed, now);
    }

    /**
     * The person follows the contact its new lead was qualified into (R15 syncAs=contact); the lead is
     * remembered as converted, so the leads feed does not take it for a new record (R16).
     */
    public RecordLink linkQualified(long personId, String leadId, String contactId, Map<String, String> agreed, Instant now) {
        RecordLink link = links.link(personId, CrmEntity.LEAD, leadId, agreed, now);
        link.convertToContact(contactId, now);
        return link;
    }

    public void record(ActivityEntry entry) {
        activities.record(entry);
    }
}
