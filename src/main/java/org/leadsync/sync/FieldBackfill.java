package org.leadsync.sync;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.leadsync.fields.FieldMapping;
import org.leadsync.fields.FieldMappings;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;

/**
 * A field newly added to the mappings is filled for already-linked pairs from Dynamics, Dynamics
 * winning that first fill (docs/api.md, Field setup), in the background, a page of links per transaction.
 */
@Stateless
public class FieldBackfill {

    private static final int LINKS_PER_PAGE = 300;

    @Resource
    SessionContext context;

    @PersistenceContext
    EntityManager em;

    @Inject
    org.leadsync.fields.FieldQuarantine quarantine;

    @Inject
    FieldMappings mappings;

    @Inject
    MarketoPersons marketo;

    @Inject
    DynamicsRecords dynamics;

    @Inject
    PairSync pairs;

    @Inject
    CycleLease lease;

    @Inject
    LeaseHolding holding;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void fillNewMappings(Consumer<CycleCounts> progress) {
        List<FieldMapping> all = mappings.current();
        Set<String> pending = all.stream().filter(FieldMapping::backfillPending).map(FieldMapping::marketoField)
                .collect(Collectors.toSet());
        if (pending.isEmpty()) {
            return;
        }
        FieldBackfill self = context.getBusinessObject(FieldBackfill.class);
        for (CrmEntity entity : CrmEntity.values()) {
            FieldSet fields = FieldSet.of(entity, all).only(pending).withoutAttributes(quarantine.attributes(entity)); // R23
            if (fields.marketoFields().isEmpty()) {
                continue;
            }
            long after = 0;
            while (after >= 0) {
                Fill fill = self.fillPage(fields, after);
                progress.accept(fill.counts());
                after = fill.lastLinkId();
            }
        }
        self.markDone(pending);
    }

    /** The counts of one page and the last link id it covered, or -1 when no link is left. */
    public record Fill(CycleCounts counts, long lastLinkId) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Fill fillPage(FieldSet fields, long afterLinkId) {
        List<RecordLink> page = em.createQuery("SELECT l FROM RecordLink l WHERE l.state = :state AND l.entity = :entity "
                        + "AND l.id > :after ORDER BY l.id", RecordLink.class)
                .setParameter("state", LinkState.ACTIVE)
                .setParameter("entity", fields.entity())
                .setParameter("after", afterLinkId)
                .setMaxResults(LINKS_PER_PAGE)
                .getResultList();
        if (page.isEmpty()) {
            return new Fill(CycleCounts.NONE, -1);
        }
        Map<Long, MarketoPerson> persons = new HashMap<>();
        marketo.findByIds(page.stream().map(RecordLink::personId).toList(), fields.marketoFields())
                .forEach(p -> persons.put(p.id(), p));
        Map<String, DynamicsRecord> records = new HashMap<>();
        dynamics.byIds(fields.entity(), page.stream().map(RecordLink::dynamicsId).toList(), fields.attributes())
                .forEach(r -> records.put(r.id(), r));
        List<LinkedPair> pairList = new ArrayList<>();
        for (RecordLink link : page) {
            MarketoPerson person = persons.get(link.personId());
            DynamicsRecord record = records.get(link.dynamicsId());
            if (person != null && record != null) {
                pairList.add(new LinkedPair(link, person.fields(), fields.byMarketoField(record.attributes())));
            }
        }
        CycleCounts counts = pairs.sync(fields, pairList, MergeMode.FILL_FROM_DYNAMICS);
        lease.fence(holding.instanceId(), holding.epoch(), clock.instant());
        return new Fill(counts, page.get(page.size() - 1).id());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markDone(Set<String> marketoFields) {
        lease.fence(holding.instanceId(), holding.epoch(), clock.instant());
        mappings.current().stream()
                .filter(m -> marketoFields.contains(m.marketoField()))
                .forEach(m -> em.merge(m).backfillDone());
    }
}
