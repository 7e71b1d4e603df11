package org.leadsync.flowaction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.port.CrmEntity;
import org.leadsync.link.RecordLink;
import org.leadsync.link.RecordLinks;

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

    public Optional<RecordLink> byRecord(String dynamicsId) {
        return links.byDynamicsId(dynamicsId);
    }

    /**
     * Links the person to the record with the agreed values as snapshot. A person whose record was
     * deleted in Dynamics keeps its link row, now pointing at the new record (R14).
     */
    public RecordLink link(long personId, CrmEntity entity, String dynamicsId, Map<String, String> agreed, Instant now) {
        RecordLink link = links.byPerson(personId).orElse(null);
        if (link == null) {
            link = new RecordLink(personId, entity, dynamicsId, now);
            links.add(link);
        } else {
            link.relinkTo(entity, dynamicsId, now);
            for (String stale : link.snapshotValues().keySet()) {
                if (!agreed.containsKey(stale)) {
                    link.forgetSnapshot(stale);
                }
            }
        }
        for (Map.Entry<String, String> value : agreed.entrySet()) {
            link.recordSnapshot(value.getKey(), value.getValue(), now);
        }
        return link;
    }

    public void record(ActivityEntry entry) {
        activities.record(entry);
    }
}
