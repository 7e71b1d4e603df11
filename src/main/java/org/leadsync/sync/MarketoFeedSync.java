package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.fields.FieldMapping;
import org.leadsync.fields.FieldMappings;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.link.RecordLinks;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.FieldChange;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;
import org.leadsync.port.PersonChange;
import org.leadsync.port.PersonChanges;

/**
 * One page of Marketo's change feed (R5) in one transaction with its cursor (R6): deleted persons lose
 * their link (R14); changed linked persons are merged (R7). New persons are not created in Dynamics
 * in the background (R11), and New Lead activities carry nothing to merge.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MarketoFeedSync {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(MarketoFeedSync.class.getName());

    @Inject
    MarketoPersons marketo;

    @Inject
    DynamicsRecords dynamics;

    @Inject
    RecordLinks links;

    @Inject
    SyncCursors cursors;

    @Inject
    FieldMappings mappings;

    @Inject
    PairSync pairs;

    @Inject
    org.leadsync.fields.FieldQuarantine quarantine;

    @Inject
    ActivityLog activities;

    @Inject
    Clock clock;

    public PageResult syncNextPage() {
        Instant now = clock.instant();
        List<FieldMapping> current = mappings.current();
        Map<CrmEntity, FieldSet> fieldSets = new EnumMap<>(CrmEntity.class);
        Set<String> allFields = new LinkedHashSet<>();
        for (CrmEntity entity : CrmEntity.values()) {
            FieldSet set = FieldSet.settled(entity, current).withoutAttributes(quarantine.attributes(entity)); // R23
            fieldSets.put(entity, set);
            allFields.addAll(set.marketoFields());
        }
        PersonChanges page = readChanges(now, allFields);

        Set<Long> touched = new LinkedHashSet<>(page.deletedPersonIds());
        Map<Long, Map<String, String>> latest = latestValues(page.changes());
        touched.addAll(latest.keySet());
        Map<Long, RecordLink> linked = links.byPersons(touched);

        CycleCounts counts = new CycleCounts(page.changes().size() + page.deletedPersonIds().size(), 0, 0, 0, 0, 0);
        for (Long personId : page.deletedPersonIds()) {
            RecordLink link = linked.remove(personId);
            if (link != null) {
                activities.record(PairSync.entry(link, now, ActivityType.DELETED_IN_MARKETO, ActivityOutcome.SUCCESS)
                        .message("The person was deleted in Marketo; the link is removed and the "
                                + link.entity().logicalName() + " is kept (R14)"));
                links.remove(link);
            }
        }

        Map<CrmEntity, List<RecordLink>> changed = new EnumMap<>(CrmEntity.class);
        latest.forEach((personId, values) -> {
            RecordLink link = linked.get(personId);
            if (link != null && link.state() == LinkState.ACTIVE && !echoOfSnapshot(values, link, fieldSets.get(link.entity()))) {
                changed.computeIfAbsent(link.entity(), e -> new ArrayList<>()).add(link);
            }
        });
        for (Map.Entry<CrmEntity, List<RecordLink>> group : changed.entrySet()) {
            counts = counts.plus(merge(fieldSets.get(group.getKey()), group.getValue()));
        }
        cursors.advance(SyncCursor.MARKETO, page.nextCursor(), page.readUpTo(), now);
        return new PageResult(counts, !page.moreWaiting());
    }

    /**
     * R5/R6: the connector gets a refused paging token again from the position the cursor stands for;
     * only a cursor it cannot read at all (written by an older version) restarts from the time stored
     * beside it, one minute early.
     */
    private PersonChanges readChanges(Instant now, Set<String> fields) {
        Optional<SyncCursor> stored = cursors.find(SyncCursor.MARKETO);
        if (stored.isEmpty()) {
            return marketo.readChanges(marketo.startCursor(now), fields);
        }
        try {
            return marketo.readChanges(stored.get().position(), fields);
        } catch (IllegalArgumentException unreadable) {
            Instant from = stored.get().readUpTo().minusSeconds(60);
            LOG.warning("The stored Marketo cursor cannot be read (" + unreadable.getMessage()
                    + "); the feed restarts from " + from);
            return marketo.readChanges(marketo.startCursor(from), fields);
        }
    }

    /**
     * R5: the Marketo feed's starting position is fixed before a cycle reads anything else, so the edits
     * users make in Marketo while the first (initial) sync of Dynamics runs, for hours maybe, are read
     * after it, not skipped.
     */
    public void fixStartPosition() {
        if (cursors.find(SyncCursor.MARKETO).isEmpty()) {
            Instant now = clock.instant();
            cursors.advance(SyncCursor.MARKETO, marketo.startCursor(now), now, now);
        }
    }

    private CycleCounts merge(FieldSet fields, List<RecordLink> linksToMerge) {
        List<Long> personIds = linksToMerge.stream().map(RecordLink::personId).toList();
        List<String> recordIds = linksToMerge.stream().map(RecordLink::dynamicsId).toList();
        Map<Long, MarketoPerson> persons = new HashMap<>();
        marketo.findByIds(personIds, fields.marketoFields()).forEach(p -> persons.put(p.id(), p));
        Map<String, DynamicsRecord> records = new HashMap<>();
        dynamics.byIds(fields.entity(), recordIds, fields.attributes())
                .forEach(r -> records.put(r.id(), r));
        List<LinkedPair> pairList = new ArrayList<>();
        for (RecordLink link : linksToMerge) {
            MarketoPerson person = persons.get(link.personId());
            DynamicsRecord record = records.get(link.dynamicsId());
            if (person != null && record != null) { // a record deleted in Dynamics reaches us through its own feed
                pairList.add(new LinkedPair(link, person.fields(), fields.byMarketoField(record.attributes())));
            }
        }
        return pairs.sync(fields, pairList, MergeMode.THREE_WAY);
    }

    /** The last new value of each field per person; New Lead activities carry no field values. */
    private static Map<Long, Map<String, String>> latestValues(List<PersonChange> changes) {
        Map<Long, Map<String, String>> latest = new HashMap<>();
        for (PersonChange change : changes) {
            if (change.kind() != PersonChange.Kind.CHANGED) {
                continue;
            }
            Map<String, String> values = latest.computeIfAbsent(change.personId(), id -> new HashMap<>());
            for (FieldChange field : change.fields()) {
                values.put(field.field(), field.newValue());
            }
        }
        return latest;
    }

    /** Our own writes come back through the feed equal to the snapshot: no read, no write (R7). */
    private static boolean echoOfSnapshot(Map<String, String> values, RecordLink link, FieldSet fields) {
        Map<String, String> snapshot = link.snapshotValues();
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (fields.attributeOf(value.getKey()) == null) {
                continue; // a field that does not sync for this entity
            }
            if (!snapshot.containsKey(value.getKey()) || !FieldValue.same(snapshot.get(value.getKey()), value.getValue())) {
                return false;
            }
        }
        return true;
    }
}
