package org.leadsync.sync.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.leadsync.link.RecordLink;
import org.leadsync.link.RecordLinks;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsId;

/**
 * The record_link table in memory. Every public method of {@link RecordLinks} is overridden, so nothing reaches
 * the (absent) EntityManager. The unique constraints of R1 (one link per person, one per record) are checked on
 * add and at commit; {@link #checkpoint()} and {@link #rollback} give a page its transaction (R6).
 */
public final class InMemoryLinks extends RecordLinks {

    private List<RecordLink> links = new ArrayList<>();

    @Override
    public Optional<RecordLink> byPerson(long personId) {
        return links.stream().filter(l -> l.personId() == personId).findFirst();
    }

    @Override
    public Optional<RecordLink> byDynamicsId(String dynamicsId) {
        String id = DynamicsId.of(dynamicsId);
        return links.stream().filter(l -> l.dynamicsId().equals(id)).findFirst();
    }

    @Override
    public Map<Long, RecordLink> byPersons(Collection<Long> personIds) {
        return index(personIds, RecordLink::personId);
    }

    @Override
    public Map<String, RecordLink> byDynamicsIds(Collection<String> dynamicsIds) {
        return index(dynamicsIds.stream().map(DynamicsId::of).toList(), RecordLink::dynamicsId);
    }

    @Override
    public Map<String, RecordLink> byConvertedFromLeads(Collection<String> leadIds) {
        return index(leadIds.stream().map(DynamicsId::of).toList(), RecordLink::convertedFromLeadId);
    }

    @Override
    public RecordLink link(long personId, CrmEntity entity, String dynamicsId, Map<String, String> agreed, Instant now) {
        RecordLink link = byPerson(personId).orElse(null);
        if (link == null) {
            link = new RecordLink(personId, entity, dynamicsId, now);
            add(link);
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

    @Override
    public RecordLink linkNew(long personId, CrmEntity entity, String dynamicsId, Map<String, String> agreed, Instant now) {
        RecordLink link = new RecordLink(personId, entity, dynamicsId, now);
        agreed.forEach((field, value) -> link.recordSnapshot(field, value, now));
        add(link);
        return link;
    }

    /** Puts a link in the table as a test arranges it (the product links through {@link #linkNew} and {@link #link}). */
    public void add(RecordLink link) {
        links.add(link);
        checkUnique();
    }

    @Override
    public void remove(RecordLink link) {
        links.remove(link);
    }

    public List<RecordLink> all() {
        return List.copyOf(links);
    }

    /** R1: fails like the database's unique constraints would. */
    public void checkUnique() {
        Set<Long> persons = new HashSet<>();
        Set<String> records = new HashSet<>();
        for (RecordLink link : links) {
            if (!persons.add(link.personId())) {
                throw new IllegalStateException("R1 broken: person " + link.personId() + " has two links");
            }
            if (!records.add(link.dynamicsId())) {
                throw new IllegalStateException("R1 broken: record " + link.dynamicsId() + " has two links");
            }
        }
    }

    /** A copy of the table as it is now, to return to if the page's transaction rolls back. */
    public Object checkpoint() {
        return links.stream().map(InMemoryLinks::copy).toList();
    }

    @SuppressWarnings("unchecked")
    public void rollback(Object checkpoint) {
        links = new ArrayList<>((List<RecordLink>) checkpoint);
    }

    private <K> Map<K, RecordLink> index(Collection<?> keys, Function<RecordLink, K> key) {
        Map<K, RecordLink> found = new HashMap<>();
        for (RecordLink link : links) {
            K k = key.apply(link);
            if (k != null && keys.contains(k)) {
                found.put(k, link);
            }
        }
        return found;
    }

    private static RecordLink copy(RecordLink l) {
        boolean converted = l.convertedFromLeadId() != null;
        RecordLink c = new RecordLink(l.personId(), converted ? CrmEntity.LEAD : l.entity(),
                converted ? l.convertedFromLeadId() : l.dynamicsId(), l.linkedAt());
        if (converted) {
            c.convertToContact(l.dynamicsId(), l.updatedAt());
        }
        l.snapshotValues().forEach((field, value) -> c.recordSnapshot(field, value, l.updatedAt()));
        c.changeState(l.state(), l.updatedAt());
        return c;
    }
}
