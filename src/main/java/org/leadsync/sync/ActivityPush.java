package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.port.CustomActivity;
import org.leadsync.port.MarketoPersons;

/**
 * R20: where `leadsync.marketo.activity-type-id` is set, activity entries are also sent to Marketo as
 * custom activities, in batches, each entry once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ActivityPush {

    private static final int BATCH = 300;
    private static final int MAX_TEXT = 255;

    @PersistenceContext
    EntityManager em;

    @Inject
    MarketoPersons marketo;

    @Inject
    CycleLease lease;

    @Inject
    LeaseHolding holding;

    /** Pushes up to ten batches of waiting entries; returns how many were sent. */
    public int pushPending() {
        OptionalInt type = marketo.configuredActivityType();
        if (type.isEmpty()) {
            return 0;
        }
        List<ActivityEntry> waiting = em.createQuery("SELECT a FROM ActivityEntry a WHERE a.pushedToMarketo = :pushed "
                        + "AND a.personId IS NOT NULL ORDER BY a.id", ActivityEntry.class)
                .setParameter("pushed", false)
                .setMaxResults(BATCH * 10)
                .getResultList();
        if (waiting.isEmpty()) {
            return 0;
        }
        List<CustomActivity> activities = new ArrayList<>(waiting.size());
        for (ActivityEntry entry : waiting) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("direction", entry.direction());
            attributes.put("outcome", entry.outcome());
            attributes.put("entity", entry.entity());
            attributes.put("dynamicsId", entry.dynamicsId());
            attributes.put("fields", String.join(",", entry.fieldList()));
            attributes.put("errorCode", entry.errorCode());
            attributes.put("message", cut(entry.message()));
            activities.add(new CustomActivity(entry.personId(), entry.occurredAt(), type.getAsInt(), entry.type(), attributes));
        }
        lease.fence(holding.instanceId(), holding.epoch(), Instant.now());
        marketo.pushActivities(activities);
        // A skip (a person deleted since, say) is final for that entry: retrying cannot fix it.
        waiting.forEach(ActivityEntry::markPushedToMarketo);
        return waiting.size();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
