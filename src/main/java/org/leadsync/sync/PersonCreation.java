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

    @Inject
    MarketoPersons marketo;

    @Inject
    RecordLinks links;

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
        // Every record is looked for by the msftId its person got when LeadSync created it: a create whose
        // link a crash lost is found again, whatever happened to the email since (R6, R10).
        Map<String, MarketoPerson> byRecordId = byDynamicsId(records.stream().map(DynamicsRecord::id).toList(), wanted);
        List<String> emails = new ArrayList<>();
        for (DynamicsRecord record : records) {
            String email = email(fields, record);
            if (email != null) {
                emails.add(email);
            }
        }
        Map<String, MarketoPerson> byEmail = new HashMap<>();
        if (!emails.isEmpty()) {
            marketo.findByEmails(emails, wanted).stream()
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .forEach(p -> byEmail.putIfAbsent(lower(p.fields().get("email")), p));
        }
        List<Long> candidateIds = new ArrayList<>();
        byRecordId.values().forEach(p -> candidateIds.add(p.id()));
        byEmail.values().forEach(p -> candidateIds.add(p.id()));
        Map<Long, RecordLink> linked = links.byPersons(candidateIds);

        List<DynamicsRecord> toCreate = new ArrayList<>();
        List<LinkedPair> toLink = new ArrayList<>();
        Set<Long> takenThisPage = new HashSet<>();
        Map<String, String> createdThisPage = new HashMap<>(); // email -> the record that gets the new person
        int failed = 0;
        for (DynamicsRecord record : records) {
            MarketoPerson person = byRecordId.get(record.id());
            if (person == null) {
                String email = email(fields, record);
                person = email == null ? null : byEmail.get(email);
            }
            RecordLink existing = person == null ? null : linked.get(person.id());
            String linkedTo = existing != null ? existing.dynamicsId()
                    : person != null && takenThisPage.contains(person.id()) ? "another record on this page" : null;
            String email = email(fields, record);
            switch (PersonMatch.of(person != null, linkedTo, record.id())) {
                case CREATE -> {
                    if (email != null && createdThisPage.containsKey(email)) {
                        // R12 within one page: the first record with this email gets the person, the others fail
                        failed++;
                        duplicateEmail(fields, record, null, "record " + createdThisPage.get(email)
                                + " on the same page, which gets the new person", now);
                    } else {
                        if (email != null) {
                            createdThisPage.put(email, record.id());
                        }
                        toCreate.add(record);
                    }
                }
                case LINK -> {
                    if (existing != null) {
                        continue; // already linked to this very record: a re-run after a crash
                    }
                    takenThisPage.add(person.id());
                    toLink.add(linkPair(fields, person, record, now));
                }
                case TAKEN_BY_ANOTHER_RECORD -> {
                    failed++;
                    duplicateEmail(fields, record, person.id(), linkedTo, now);
                }
            }
        }
        CycleCounts merged = pairs.sync(fields, toLink, MergeMode.THREE_WAY);
        return merged.plus(create(fields, toCreate, wanted, now)).plus(new CycleCounts(0, 0, 0, 0, 0, failed));
    }

    /** Links an existing person to the record with no snapshot yet: the merge decides per field (R9). */
    private LinkedPair linkPair(FieldSet fields, MarketoPerson person, DynamicsRecord record, Instant now) {
        RecordLink link = links.linkNew(person.id(), fields.entity(), record.id(), Map.of(), now);
        return new LinkedPair(link, person.fields(), fields.byMarketoField(record.attributes()),
                CrmFields.linkedTo(fields.entity(), link.dynamicsId()));
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

    private CycleCounts create(FieldSet fields, List<DynamicsRecord> records, List<String> wanted, Instant now) {
        if (records.isEmpty()) {
            return CycleCounts.NONE;
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
            persons.add(person);
        }
        List<RecordOutcome> outcomes = marketo.createPersons(persons); // deduplicated on msftId: a re-run never duplicates (R10)
        int created = 0;
        int failed = 0;
        List<DynamicsRecord> alreadyThere = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            DynamicsRecord record = records.get(i);
            RecordOutcome outcome = outcomes.get(i);
            List<String> written = new ArrayList<>(persons.get(i).keySet());
            if (outcome.skipped() && ALREADY_EXISTS.equals(outcome.code())) {
                alreadyThere.add(record); // a person with this msftId appeared since the lookup: link it
                continue;
            }
            if (outcome.skipped() || outcome.personId() == null) {
                failed++;
                activities.record(new ActivityEntry(null, now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                        .record(fields.entity().logicalName(), record.id())
                        .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE).fields(written)
                        .error(outcome.code(), outcome.message()));
                continue;
            }
            created++;
            Map<String, Object> values = fields.byMarketoField(record.attributes());
            Map<String, String> agreed = new HashMap<>();
            fields.marketoFields().forEach(field -> agreed.put(field, FieldValue.normalise(values.get(field))));
            RecordLink link = links.linkNew(outcome.personId(), fields.entity(), record.id(), agreed, now);
            activities.record(PairSync.entry(link, now, ActivityType.CREATED_IN_MARKETO, ActivityOutcome.SUCCESS)
                    .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE).fields(written));
        }
        return new CycleCounts(0, 0, created, 0, 0, failed).plus(linkExisting(fields, alreadyThere, wanted, now));
    }

    /** Resolves Marketo's 1005 (R10): the person carrying the record's msftId is found and linked, not failed. */
    private CycleCounts linkExisting(FieldSet fields, List<DynamicsRecord> records, List<String> wanted, Instant now) {
        if (records.isEmpty()) {
            return CycleCounts.NONE;
        }
        Map<String, MarketoPerson> found = byDynamicsId(records.stream().map(DynamicsRecord::id).toList(), wanted);
        Map<Long, RecordLink> linked = links.byPersons(found.values().stream().map(MarketoPerson::id).toList());
        List<LinkedPair> toLink = new ArrayList<>();
        int failed = 0;
        for (DynamicsRecord record : records) {
            MarketoPerson person = found.get(record.id());
            if (person == null || linked.containsKey(person.id())) {
                failed++;
                activities.record(new ActivityEntry(person == null ? null : person.id(), now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                        .record(fields.entity().logicalName(), record.id())
                        .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.CREATE).fields(List.of(CrmFields.ID))
                        .error(ALREADY_EXISTS, "Marketo reports a person with msftId " + record.id()
                                + " that LeadSync cannot link (R10)"));
            } else {
                toLink.add(linkPair(fields, person, record, now));
            }
        }
        return pairs.sync(fields, toLink, MergeMode.THREE_WAY).plus(new CycleCounts(0, 0, 0, 0, 0, failed));
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
