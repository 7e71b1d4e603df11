package org.leadsync.link;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsId;

/** Finds and keeps record links, joining the caller's transaction (a cycle page, a flow-action call). */
@Stateless
public class RecordLinks {

    /** Keeps IN lists well below every database's parameter limit. */
    private static final int IN_CHUNK = 1000;

    @PersistenceContext
    EntityManager em;

    public Optional<RecordLink> byPerson(long personId) {
        return em.createNamedQuery(RecordLink.BY_PERSON, RecordLink.class)
                .setParameter("personId", personId)
                .getResultStream().findFirst();
    }

    public Optional<RecordLink> byDynamicsId(String dynamicsId) {
        return em.createNamedQuery(RecordLink.BY_DYNAMICS_ID, RecordLink.class)
                .setParameter("dynamicsId", DynamicsId.of(dynamicsId))
                .getResultStream().findFirst();
    }

    /** Links by person id, for a page of Marketo changes. */
    public Map<Long, RecordLink> byPersons(Collection<Long> personIds) {
        return inChunks(List.copyOf(personIds), "SELECT DISTINCT l FROM RecordLink l LEFT JOIN FETCH l.snapshots WHERE l.personId IN :ids", RecordLink::personId);
    }

    /** Links by the record's id, for a page of Dynamics changes. Ids are compared in lower case. */
    public Map<String, RecordLink> byDynamicsIds(Collection<String> dynamicsIds) {
        return inChunks(lower(dynamicsIds), "SELECT DISTINCT l FROM RecordLink l LEFT JOIN FETCH l.snapshots WHERE l.dynamicsId IN :ids", RecordLink::dynamicsId);
    }

    /** R16: links that were converted from these leads, keyed by the lead id. */
    public Map<String, RecordLink> byConvertedFromLeads(Collection<String> leadIds) {
        return inChunks(lower(leadIds), "SELECT DISTINCT l FROM RecordLink l LEFT JOIN FETCH l.snapshots WHERE l.convertedFromLeadId IN :ids",
                RecordLink::convertedFromLeadId);
    }

    /**
     * Links the person to the record with `agreed` as the snapshot (empty: R9 decides at the first merge).
     * A person whose record was deleted in Dynamics keeps its link row, now pointing at the new record
     * (docs/sync-rules.md R14). The one linking step of the cycle and the flow action.
     */
    public RecordLink link(long personId, CrmEntity entity, String dynamicsId, Map<String, String> agreed, Instant now) {
        RecordLink link = byPerson(personId).orElse(null);
        if (link == null) {
            return linkNew(personId, entity, dynamicsId, agreed, now);
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

    /** {@link #link} for a person the caller knows has no link yet (a page's lookup said so): no query. */
    public RecordLink linkNew(long personId, CrmEntity entity, String dynamicsId, Map<String, String> agreed, Instant now) {
        RecordLink link = new RecordLink(personId, entity, dynamicsId, now);
        for (Map.Entry<String, String> value : agreed.entrySet()) {
            link.recordSnapshot(value.getKey(), value.getValue(), now);
        }
        em.persist(link);
        return link;
    }

    public void remove(RecordLink link) {
        em.remove(em.contains(link) ? link : em.merge(link));
    }

    /** The merge reads every link's snapshot: fetched with the links (plain JPQL, no provider hint), not one query per link. */
    private <K> Map<K, RecordLink> inChunks(List<?> ids, String query, Function<RecordLink, K> key) {
        Map<K, RecordLink> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<?> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            em.createQuery(query, RecordLink.class)
                    .setParameter("ids", chunk)
                    .getResultList()
                    .forEach(link -> found.put(key.apply(link), link));
        }
        return found;
    }

    private static List<String> lower(Collection<String> ids) {
        List<String> lowered = new ArrayList<>(ids.size());
        ids.forEach(id -> lowered.add(DynamicsId.of(id)));
        return lowered;
    }
}
