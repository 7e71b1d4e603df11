package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.link.CreationIntents;
import org.leadsync.link.RecordLink;
import org.leadsync.link.RecordLinks;
import org.leadsync.port.CrmFields;
import org.leadsync.port.DynamicsId;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;
import org.leadsync.port.RecordOutcome;

/**
 * R10-R12: a new Dynamics record that passes the filter becomes a Marketo person, or is linked to the
 * unlinked person with its email, never duplicated: a person that already carries the record's id
 * (msftId, written at creation) is found again after a crash or a retry.
 */
@Stateless
public class PersonCreation {

    /** Marketo's "Lead already exists" for a createOnly whose dedupe field (msftId) matched. */
    static final String ALREADY_EXISTS = "1005";

    /** Marketo's "Multiple lead match lookup criteria": several persons have the record's email. */
    static final String SEVERAL_MATCH = "1007";

    @Inject
    MarketoPersons marketo;

    @Inject
    RecordLinks links;

    @Inject
    CreationIntents creationIntents;

    @Inject
    PairSync pairs;

    @Inject
    ActivityLog activities;

    @Inject
    Clock clock;

    public CycleCounts createOrLink(FieldSet fields, List<DynamicsRecord> records) {
        if (records.isEmpty()) {
            return CycleCounts.NONE;
        }
        Instant now = clock.instant();
        List<String> wanted = new ArrayList<>(fields.marketoFields());
        wanted.add(CrmFields.ID);
        List<String> recordIds = records.stream().map(DynamicsRecord::id).toList();
        // R10 step 1: a person carries a record's msftId without a link only when a page was killed between its
        // create and its commit, and such a page left a creation intent: only those records are looked up first.
        List<String> leftByACrash = List.copyOf(creationIntents.pendingAmong(recordIds));
        Map<String, MarketoPerson> byRecordId = byDynamicsId(leftByACrash, wanted);
        Matching matching = new Matching(fields, now, links.byPersons(byRecordId.values().stream().map(MarketoPerson::id).toList()));

        List<DynamicsRecord> toCreate = new ArrayList<>();
        Map<String, List<DynamicsRecord>> sameEmailLater = new LinkedHashMap<>(); // R12 within one page
        for (DynamicsRecord record : records) {
            MarketoPerson person = byRecordId.get(record.id());
            if (person != null) {
                matching.match(record, person, null);
                continue;
            }
            String email = email(fields, record);
            if (email != null && sameEmailLater.containsKey(email)) {
                sameEmailLater.get(email).add(record);
                continue;
            }
            if (email != null) {
                sameEmailLater.put(email, new ArrayList<>());
            }
            toCreate.add(record);
        }
        // R10 steps 1-3: createOnly deduplicated on the email; only the records Marketo answers "exists" for are
        // looked up, by email, and linked (docs/sync-rules.md R10)
        Map<String, Long> createdFor = create(fields, toCreate, wanted, now, matching);
        for (DynamicsRecord first : toCreate) {
            String email = email(fields, first);
            List<DynamicsRecord> others = email == null ? List.of() : sameEmailLater.getOrDefault(email, List.of());
            for (DynamicsRecord other : others) {
                Long taken = matching.personOf(first.id());
                if (taken != null && !createdFor.containsKey(first.id())) {
                    matching.failDuplicate(other, taken, matching.linkedTo(first.id()));
                } else {
                    matching.failDuplicate(other, null, "record " + first.id() + " on the same page, which gets the new person");
                }
            }
        }
        creationIntents.clear(recordIds); // with this page's commit every record of it is linked or logged
        CycleCounts merged = pairs.sync(fields, matching.toLink, MergeMode.THREE_WAY);
        return merged.plus(new CycleCounts(0, 0, matching.created, 0, 0, matching.failed));
    }

    /**
     * One page's matching of records to persons (R10, R12): who gets linked, who fails, and which person each
     * record was given, so later records of the page with the same email are told which record took it.
     */
    private final class Matching {
        final FieldSet fields;
        final Instant now;
        final Map<Long, RecordLink> linked;
        final Set<Long> takenThisPage = new HashSet<>();
        final Map<String, Long> personOfRecord = new HashMap<>();
        final Map<String, String> linkedToOfRecord = new HashMap<>();
        final List<LinkedPair> toLink = new ArrayList<>();
        int created;
        int failed;

        Matching(FieldSet fields, Instant now, Map<Long, RecordLink> linked) {
            this.fields = fields;
            this.now = now;
            this.linked = new HashMap<>(linked);
        }

        /** R10 step 2 or R12 for a person found for `record` (by msftId or email). */
        void match(DynamicsRecord record, MarketoPerson person, Map<Long, RecordLink> moreLinks) {
            if (moreLinks != null) {
                linked.putAll(moreLinks);
            }
            RecordLink existing = linked.get(person.id());
            String linkedTo = existing != null ? existing.dynamicsId()
                    : takenThisPage.contains(person.id()) ? "another record on this page" : null;
            personOfRecord.put(record.id(), person.id());
            switch (PersonMatch.of(true, linkedTo, record.id())) {
                case LINK -> {
                    if (existing == null) { // else: already linked to this very record, a re-run after a crash
                        takenThisPage.add(person.id());
                        linkedToOfRecord.put(record.id(), "another record on this page");
                        toLink.add(linkPair(fields, person, record, now));
                    }
                }
                case TAKEN_BY_ANOTHER_RECORD -> {
                    linkedToOfRecord.put(record.id(), linkedTo);
                    failDuplicate(record, person.id(), linkedTo);
                }
                case CREATE -> throw new IllegalStateException("a found person is never created");
            }
        }

        Long personOf(String recordId) {
            return personOfRecord.get(recordId);
        }

        String linkedTo(String recordId) {
            return linkedToOfRecord.getOrDefault(recordId, "another record on this page");
        }

        void failDuplicate(DynamicsRecord record, Long personId, String takenBy) {
            failed++;
            duplicateEmail(fields, record, personId, takenBy, now);
        }
    }

    /** Links an existing person to the record with no snapshot yet: the merge decides per field (R9). */
    private LinkedPair linkPair(FieldSet fields, MarketoPerson person, DynamicsRecord record, Instant now) {
        RecordLink link = links.linkNew(person.id(), fields.entity(), record.id(), Map.of(), now);
        return new LinkedPair(link, person.fields(), fields.byMarketoField(record.attributes()),
                OwnerLink.with(CrmFields.linkedTo(fields.entity(), link.dynamicsId()), OwnerLink.of(record)));
    }

    private void duplicateEmail(FieldSet fields, DynamicsRecord record, Long personId, String takenBy, Instant now) {
        String owner = personId == null ? "" : " belongs to person " + personId + ", already linked to";
        activities.record(new ActivityEntry(personId, now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                .record(fields.entity().logicalName(), record.id())
                .direction(ActivityDirection.TO_MARKETO).operation(personId == null ? ActivityOperation.CREATE : ActivityOperation.LINK).fields(List.of("email"))
                .error("duplicate-email", "Email " + email(fields, record) + " of " + fields.entity().logicalName()
                        + " " + record.id() + owner + " " + takenBy + "; the new record was neither linked nor created (R12)"));
    }

    private Map<String, MarketoPerson> byDynamicsId(List<String> recordIds, List<String> wanted) {
        Map<String, MarketoPerson> found = new HashMap<>();
        if (!recordIds.isEmpty()) {
            marketo.findByDynamicsIds(recordIds, wanted).forEach(p -> found.putIfAbsent(DynamicsId.of(p.fields().get(CrmFields.ID)), p));
        }
        return found;
    }

    /**
     * Creates persons for `records` (R10 step 3) after committing their creation intents (R6); answers the person
     * created per record. A record Marketo answers 1005 or 1007 for (someone has its email, or its msftId for a
     * record without email) is looked up and matched instead (step 4), never failed for that.
     */
    private Map<String, Long> create(FieldSet fields, List<DynamicsRecord> records, List<String> wanted, Instant now,
                                     Matching matching) {
        Map<String, Long> createdFor = new HashMap<>();
        if (records.isEmpty()) {
            return createdFor;
        }
        List<Map<String, Object>> persons = new ArrayList<>(records.size());
        for (DynamicsRecord record : records) {
            Map<String, Object> person = new LinkedHashMap<>();
            fields.byMarketoField(record.attributes()).forEach((field, value) -> {
                String normal = FieldValue.normalise(value);
                if (normal != null) {
                    person.put(field, normal);
                }
            });
            person.putAll(CrmFields.linkedTo(fields.entity(), record.id()));
            person.putAll(OwnerLink.of(record)); // R22: created with its sales-person link
            persons.add(person);
        }
        // committed before the create: a kill after it leaves the records to be looked up by msftId (R6, R10)
        creationIntents.recordBeforeCreate(records.stream().map(DynamicsRecord::id).toList(), now);
        List<RecordOutcome> outcomes = marketo.createPersons(persons);
        List<DynamicsRecord> someoneHasIt = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            DynamicsRecord record = records.get(i);
            RecordOutcome outcome = outcomes.get(i);
            List<String> written = new ArrayList<>(persons.get(i).keySet());
            if (outcome.skipped() && (ALREADY_EXISTS.equals(outcome.code()) || SEVERAL_MATCH.equals(outcome.code()))) {
                someoneHasIt.add(record);
                continue;
            }
            if (outcome.skipped() || outcome.personId() == null) {
                matching.failed++;
                activities.record(new ActivityEntry(null, now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                        .record(fields.entity().logicalName(), record.id())
                        .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE).fields(written)
                        .error(outcome.code(), outcome.message()));
                continue;
            }
            matching.created++;
            createdFor.put(record.id(), outcome.personId());
            matching.personOfRecord.put(record.id(), outcome.personId());
            Map<String, Object> values = fields.byMarketoField(record.attributes());
            Map<String, String> agreed = new HashMap<>();
            fields.marketoFields().forEach(field -> agreed.put(field, FieldValue.normalise(values.get(field))));
            RecordLink link = links.linkNew(outcome.personId(), fields.entity(), record.id(), agreed, now);
            OwnerLink.written(link, persons.get(i), now);
            activities.record(PairSync.entry(link, now, ActivityType.CREATED_IN_MARKETO, ActivityOutcome.SUCCESS)
                    .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE).fields(written));
        }
        matchExisting(fields, someoneHasIt, wanted, now, matching);
        return createdFor;
    }

    /** R10 step 4: the person Marketo reports for a record (by email, lowest id first; else by msftId) is matched. */
    private void matchExisting(FieldSet fields, List<DynamicsRecord> records, List<String> wanted, Instant now,
                               Matching matching) {
        if (records.isEmpty()) {
            return;
        }
        List<String> emails = new ArrayList<>();
        List<String> withoutEmail = new ArrayList<>();
        for (DynamicsRecord record : records) {
            String email = email(fields, record);
            if (email != null) {
                emails.add(email);
            } else {
                withoutEmail.add(record.id());
            }
        }
        Map<String, MarketoPerson> byEmail = new HashMap<>();
        if (!emails.isEmpty()) {
            marketo.findByEmails(emails, wanted).stream()
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .forEach(p -> byEmail.putIfAbsent(lower(p.fields().get("email")), p));
        }
        Map<String, MarketoPerson> byRecordId = byDynamicsId(withoutEmail, wanted);
        List<Long> found = new ArrayList<>();
        byEmail.values().forEach(p -> found.add(p.id()));
        byRecordId.values().forEach(p -> found.add(p.id()));
        Map<Long, RecordLink> linked = links.byPersons(found);
        for (DynamicsRecord record : records) {
            String email = email(fields, record);
            MarketoPerson person = email != null ? byEmail.get(email) : byRecordId.get(record.id());
            if (person == null) {
                matching.failed++;
                activities.record(new ActivityEntry(null, now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                        .record(fields.entity().logicalName(), record.id())
                        .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE)
                        .fields(List.of(email != null ? "email" : CrmFields.ID))
                        .error(ALREADY_EXISTS, "Marketo reports a person with this " + (email != null ? "email" : "msftId")
                                + " for record " + record.id() + " that LeadSync cannot find (R10)"));
                continue;
            }
            matching.match(record, person, linked);
        }
    }

    private static String email(FieldSet fields, DynamicsRecord record) {
        String attribute = fields.attributeOf("email");
        return attribute == null ? null : lower(record.get(attribute));
    }

    private static String lower(Object value) {
        String normal = FieldValue.normalise(value);
        return normal == null ? null : normal.toLowerCase(Locale.ROOT);
    }
}
