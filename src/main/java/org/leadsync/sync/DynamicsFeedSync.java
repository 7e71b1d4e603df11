package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.fields.FieldMappings;
import org.leadsync.fields.FieldQuarantine;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.link.RecordLinks;
import org.leadsync.port.CallPriority;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.port.DynamicsNotFound;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;
import org.leadsync.port.PersonUpdate;
import org.leadsync.port.RecordChanges;

/**
 * One page of a Dynamics change feed (R5) in one transaction with its cursor (R6): routes every
 * changed or deleted record (R10, R13, R14, R16) and merges linked pairs whose Dynamics side changed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DynamicsFeedSync {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DynamicsFeedSync.class.getName());

    @Inject
    DynamicsRecords dynamics;

    @Inject
    MarketoPersons marketo;

    @Inject
    RecordLinks links;

    @Inject
    SyncCursors cursors;

    @Inject
    FieldMappings mappings;

    @Inject
    PairSync pairs;

    @Inject
    FieldQuarantine quarantine;

    @Inject
    PersonCreation creation;

    @Inject
    ActivityLog activities;

    @Inject
    Clock clock;

    public PageResult syncNextPage(CrmEntity entity) {
        resumeReappeared(entity);
        FieldSet fields = syncing(entity);
        String cursorName = cursorName(entity);
        boolean[] fullRead = {cursors.find(cursorName).map(c -> c.since() == null).orElse(true)};
        RecordChanges page;
        try {
            page = readChanges(entity, fields, cursorName, fullRead, false);
        } catch (DynamicsValidationFailed refused) {
            if (!quarantineIfGone(fields, refused)) {
                throw refused;
            }
            // R23: the stored link selects the gone attribute; a full read without it compares every row (R7)
            fields = syncing(entity);
            fullRead[0] = true;
            page = readChanges(entity, fields, cursorName, fullRead, true);
        }
        FieldSet settled = fields;
        // R21, Daily cap: a page of a full read (the initial sync, or a restart after an expired delta link) is
        // bulk work; a page of changes is the incremental sync
        CallPriority priority = fullRead[0] ? CallPriority.BULK : CallPriority.INCREMENTAL;
        RecordChanges read = page;
        return priority.during(() -> syncPage(entity, settled, cursorName, read));
    }

    /** The fields this feed merges: settled (R2) and not in quarantine (R23). */
    private FieldSet syncing(CrmEntity entity) {
        return FieldSet.settled(entity, mappings.current()).withoutAttributes(quarantine.attributes(entity));
    }

    /**
     * R23: Dynamics refused the read naming a mapped attribute its metadata (read afresh) no longer has: a deleted or
     * renamed column. That field is set aside, logged once, and the feed goes on without it.
     */
    private boolean quarantineIfGone(FieldSet fields, DynamicsValidationFailed refused) {
        String attribute = refused.attribute();
        String field = attribute == null ? null : fields.fieldOf(attribute);
        if (field == null) {
            return false;
        }
        dynamics.forgetAttributes();
        if (dynamics.attribute(fields.entity(), attribute) != null) {
            return false;
        }
        if (quarantine.quarantine(fields.entity(), attribute, field, refused.getMessage(), clock.instant())) {
            LOG.warning("The " + fields.entity().logicalName() + " attribute " + attribute + " (mapped to " + field
                    + ") is gone from Dynamics; that field is in quarantine, the rest syncs on (R23)");
            activities.record(new org.leadsync.activity.ActivityEntry(null, clock.instant(), ActivityType.FIELD_QUARANTINED,
                    ActivityOutcome.FAILED).record(fields.entity().logicalName(), null).fields(List.of(field))
                    .error(refused.code(), "Dynamics has no attribute " + attribute + " on " + fields.entity().logicalName()
                            + " any more (" + refused.getMessage() + "); " + field + " is in quarantine until it is back (R23)"));
        }
        return true;
    }

    /** R23: a quarantined attribute that is back in the metadata syncs again, after the fill of R2 decided it. */
    private void resumeReappeared(CrmEntity entity) {
        Set<String> gone = quarantine.attributes(entity);
        if (gone.isEmpty()) {
            return;
        }
        dynamics.forgetAttributes();
        for (var entry : quarantine.current()) {
            if (entry.entity().equals(entity.logicalName()) && dynamics.attribute(entity, entry.attribute()) != null) {
                quarantine.lift(entity, entry.attribute());
                mappings.markForFill(entry.marketoField());
                activities.record(new org.leadsync.activity.ActivityEntry(null, clock.instant(), ActivityType.FIELD_RESUMED,
                        ActivityOutcome.SUCCESS).record(entity.logicalName(), null).fields(List.of(entry.marketoField()))
                        .message("Dynamics has the attribute " + entry.attribute() + " on " + entity.logicalName()
                                + " again; " + entry.marketoField() + " syncs again after its fill (R23, R2)"));
            }
        }
    }

    private PageResult syncPage(CrmEntity entity, FieldSet fields, String cursorName, RecordChanges page) {
        Instant now = clock.instant();

        Set<String> ids = new LinkedHashSet<>();
        page.changed().forEach(r -> ids.add(r.id()));
        ids.addAll(page.deletedIds());
        Map<String, RecordLink> linked = links.byDynamicsIds(ids);
        Map<String, RecordLink> convertedFrom = entity == CrmEntity.LEAD ? links.byConvertedFromLeads(ids) : Map.of();
        Map<String, RecordLink> originLinks = entity == CrmEntity.CONTACT ? links.byDynamicsIds(originatingLeads(page)) : Map.of();

        List<RecordLink> merging = new ArrayList<>();
        Map<Long, DynamicsRecord> mergingRecords = new HashMap<>();
        Map<Long, Map<String, Object>> owners = new HashMap<>(); // R22: the owner each merge also writes, if changed
        List<RecordLink> deleted = new ArrayList<>();
        List<DynamicsRecord> newRecords = new ArrayList<>();
        List<LinkedPair> conversions = new ArrayList<>();
        for (String id : page.deletedIds()) {
            RecordLink link = linked.get(id);
            if (DynamicsRoute.of(entity, link == null ? null : link.state(), true, true, false, false)
                    == DynamicsRoute.MARK_DELETED) {
                link.changeState(LinkState.DELETED_IN_DYNAMICS, now);
                deleted.add(link);
            }
        }
        for (DynamicsRecord record : page.changed()) {
            String id = record.id();
            RecordLink link = linked.get(id);
            String originatingLead = record.originatingLeadId();
            RecordLink origin = originatingLead == null ? null : originLinks.get(originatingLead);
            boolean fromLinkedLead = origin != null && origin.entity() == CrmEntity.LEAD && link == null;
            boolean passes = SyncFilter.passes(record.get(SyncFilter.ATTRIBUTE));
            switch (DynamicsRoute.of(entity, link == null ? null : link.state(), false, passes,
                    convertedFrom.containsKey(id), fromLinkedLead)) {
                case MERGE -> {
                    Map<String, Object> owner = OwnerLink.changed(record, link);
                    if (!fields.matchesSnapshot(record.attributes(), link.snapshotValues()) || !owner.isEmpty()) {
                        merging.add(link);
                        mergingRecords.put(link.personId(), record);
                        owners.put(link.personId(), owner);
                    }
                }
                case FILTER_IN -> {
                    link.changeState(LinkState.ACTIVE, now);
                    activities.record(PairSync.entry(link, now, ActivityType.FILTERED_IN, ActivityOutcome.SUCCESS)
                            .message("new_synctomkto is no longer false: the record syncs again (R13)"));
                    merging.add(link);
                    mergingRecords.put(link.personId(), record);
                    owners.put(link.personId(), OwnerLink.changed(record, link));
                }
                case FILTER_OUT -> {
                    link.changeState(LinkState.FILTERED_OUT, now);
                    activities.record(PairSync.entry(link, now, ActivityType.FILTERED_OUT, ActivityOutcome.SUCCESS)
                            .message("new_synctomkto is false: updates stop moving either way (R13)"));
                }
                case FOLLOW_CONVERSION -> {
                    String leadId = origin.dynamicsId();
                    origin.convertToContact(id, now);
                    activities.record(PairSync.entry(origin, now, ActivityType.CONVERTED_TO_CONTACT, ActivityOutcome.SUCCESS)
                            .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.UPDATE)
                            .message("Lead " + leadId + " was qualified into contact " + id + " (R16)"));
                    if (origin.state() == LinkState.ACTIVE && !passes) {
                        origin.changeState(LinkState.FILTERED_OUT, now);
                        activities.record(PairSync.entry(origin, now, ActivityType.FILTERED_OUT, ActivityOutcome.SUCCESS)
                                .message("new_synctomkto of the contact is false: updates stop moving either way (R13)"));
                    }
                    if (origin.state() == LinkState.ACTIVE) { // R13: a filtered-out pair follows, but moves no values
                        conversions.add(new LinkedPair(origin, Map.of(), fields.byMarketoField(record.attributes()),
                                OwnerLink.with(CrmFields.linkedTo(CrmEntity.CONTACT, id), OwnerLink.changed(record, origin))));
                    }
                }
                case CREATE_OR_LINK_PERSON -> newRecords.add(record);
                case MARK_DELETED, IGNORE -> {
                }
            }
        }

        CycleCounts counts = new CycleCounts(0, page.changed().size() + page.deletedIds().size(), 0, 0, 0, 0);
        counts = counts.plus(markDeleted(deleted, now));
        counts = counts.plus(mergeWithMarketo(fields, merging, mergingRecords, owners, conversions));
        counts = counts.plus(creation.createOrLink(fields, newRecords));
        cursors.advance(cursorName, page.cursor(), page.last() ? now : null, now);
        return new PageResult(counts, page.last());
    }

    /**
     * R5/R6: Dataverse refuses a delta or next link it no longer knows (expired change tracking, 4xx). Waiting
     * would wedge the feed forever, so it starts again with a full read; re-applying rows is harmless (R7, R10).
     */
    private RecordChanges readChanges(CrmEntity entity, FieldSet fields, String cursorName, boolean[] fullRead,
                                      boolean restart) {
        String position = restart ? null : cursors.position(cursorName).orElse(null);
        try {
            return dynamics.changes(entity, select(fields), position);
        } catch (DynamicsValidationFailed | DynamicsNotFound refused) {
            if (position == null) {
                throw refused;
            }
            LOG.warning("Dynamics refused the " + cursorName + " cursor (" + refused.getMessage()
                    + "); that feed restarts with a full read");
            fullRead[0] = true;
            return dynamics.changes(entity, select(fields), null);
        }
    }

    /** R14: the person stays, flagged msftIsDeleted; nothing more is written for the link. */
    private CycleCounts markDeleted(List<RecordLink> deleted, Instant now) {
        if (deleted.isEmpty()) {
            return CycleCounts.NONE;
        }
        List<PersonUpdate> updates = new ArrayList<>();
        for (RecordLink link : deleted) {
            updates.add(new PersonUpdate(link.personId(), CrmFields.deleted()));
        }
        var outcomes = marketo.updatePersons(updates);
        int written = 0;
        for (int i = 0; i < deleted.size(); i++) {
            RecordLink link = deleted.get(i);
            boolean ok = !outcomes.get(i).skipped();
            written += ok ? 1 : 0;
            activities.record(PairSync.entry(link, now, ActivityType.DELETED_IN_DYNAMICS, ok ? ActivityOutcome.SUCCESS : ActivityOutcome.FAILED)
                    .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.UPDATE).fields(List.of(CrmFields.DELETED))
                    .error(ok ? null : outcomes.get(i).code(), ok
                            ? "The " + link.entity().logicalName() + " was deleted in Dynamics; the person is kept (R14)"
                            : outcomes.get(i).message()));
        }
        return new CycleCounts(0, 0, written, 0, 0, deleted.size() - written);
    }

    private CycleCounts mergeWithMarketo(FieldSet fields, List<RecordLink> merging, Map<Long, DynamicsRecord> records,
                                         Map<Long, Map<String, Object>> owners, List<LinkedPair> conversions) {
        if (merging.isEmpty() && conversions.isEmpty()) {
            return CycleCounts.NONE;
        }
        List<Long> personIds = new ArrayList<>();
        merging.forEach(l -> personIds.add(l.personId()));
        conversions.forEach(p -> personIds.add(p.link().personId()));
        Map<Long, MarketoPerson> persons = new HashMap<>();
        marketo.findByIds(personIds, fields.marketoFields()).forEach(p -> persons.put(p.id(), p));
        List<LinkedPair> pairList = new ArrayList<>();
        for (RecordLink link : merging) {
            MarketoPerson person = persons.get(link.personId());
            if (person != null) { // a person deleted in Marketo: its feed removes the link (R14)
                pairList.add(new LinkedPair(link, person.fields(),
                        fields.byMarketoField(records.get(link.personId()).attributes()),
                        owners.getOrDefault(link.personId(), Map.of())));
            }
        }
        for (LinkedPair conversion : conversions) {
            MarketoPerson person = persons.get(conversion.link().personId());
            if (person != null) {
                pairList.add(new LinkedPair(conversion.link(), person.fields(), conversion.dynamics(), conversion.crmFields()));
            }
        }
        return pairs.sync(fields, pairList, MergeMode.THREE_WAY);
    }

    private static Set<String> originatingLeads(RecordChanges page) {
        Set<String> leads = new LinkedHashSet<>();
        page.changed().forEach(r -> {
            if (r.originatingLeadId() != null) {
                leads.add(r.originatingLeadId());
            }
        });
        return leads;
    }

    private List<String> select(FieldSet fields) {
        List<String> select = new ArrayList<>(fields.attributes());
        // R13: a table without new_synctomkto syncs every record, and $select of a missing attribute is a 400
        if (dynamics.attribute(fields.entity(), SyncFilter.ATTRIBUTE) != null) {
            select.add(SyncFilter.ATTRIBUTE);
        }
        if (dynamics.attribute(fields.entity(), OwnerLink.ATTRIBUTE) != null) {
            select.add(OwnerLink.ATTRIBUTE); // R22: the owner becomes the person's sales-person link
        }
        return select;
    }

    static String cursorName(CrmEntity entity) {
        return entity == CrmEntity.LEAD ? SyncCursor.DYNAMICS_LEADS : SyncCursor.DYNAMICS_CONTACTS;
    }
}
