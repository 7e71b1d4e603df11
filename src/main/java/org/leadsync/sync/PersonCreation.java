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
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
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
        Map<String, MarketoPerson> byRecordId = new HashMap<>();
        // A record with an email is found again by it; one without is found by the msftId its person got.
        List<String> withoutEmail = records.stream().filter(r -> email(fields, r) == null).map(DynamicsRecord::id).toList();
        if (!withoutEmail.isEmpty()) {
            marketo.findByDynamicsIds(withoutEmail, wanted).forEach(p ->
                    byRecordId.putIfAbsent(DynamicsId.of(p.fields().get(CrmFields.ID)), p));
        }
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
            switch (PersonMatch.of(person != null, linkedTo, record.id())) {
                case CREATE -> toCreate.add(record);
                case LINK -> {
                    if (existing != null) {
                        continue; // already linked to this very record: a re-run after a crash
                    }
                    takenThisPage.add(person.id());
                    RecordLink link = new RecordLink(person.id(), fields.entity(), record.id(), now);
                    links.add(link);
                    toLink.add(new LinkedPair(link, person.fields(), fields.byMarketoField(record.attributes()),
                            CrmFields.linkedTo(fields.entity(), link.dynamicsId())));
                }
                case TAKEN_BY_ANOTHER_RECORD -> {
                    failed++;
                    activities.record(new ActivityEntry(person.id(), now, "sync-failed", ActivityLog.FAILED)
                            .record(fields.entity().logicalName(), record.id())
                            .direction("to-marketo").operation("link").fields(List.of("email"))
                            .error("duplicate-email", "Email " + email(fields, record) + " of " + fields.entity().logicalName()
                                    + " " + record.id() + " belongs to person " + person.id() + ", already linked to "
                                    + linkedTo + "; the new record was neither linked nor created (R12)"));
                }
            }
        }
        CycleCounts merged = pairs.sync(fields, toLink, MergeMode.THREE_WAY);
        return merged.plus(create(fields, toCreate, now)).plus(new CycleCounts(0, 0, 0, 0, 0, failed));
    }

    private CycleCounts create(FieldSet fields, List<DynamicsRecord> records, Instant now) {
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
        for (int i = 0; i < records.size(); i++) {
            DynamicsRecord record = records.get(i);
            RecordOutcome outcome = outcomes.get(i);
            List<String> written = new ArrayList<>(persons.get(i).keySet());
            if (outcome.skipped() || outcome.personId() == null) {
                failed++;
                activities.record(new ActivityEntry(null, now, "sync-failed", ActivityLog.FAILED)
                        .record(fields.entity().logicalName(), record.id())
                        .direction("to-marketo").operation("create").fields(written)
                        .error(outcome.code(), outcome.message()));
                continue;
            }
            created++;
            RecordLink link = new RecordLink(outcome.personId(), fields.entity(), record.id(), now);
            Map<String, Object> values = fields.byMarketoField(record.attributes());
            fields.marketoFields().forEach(field -> link.recordSnapshot(field, FieldValue.normalise(values.get(field)), now));
            links.add(link);
            activities.record(PairSync.entry(link, now, "created-in-marketo", "success")
                    .direction("to-marketo").operation("create").fields(written));
        }
        return new CycleCounts(0, 0, created, 0, 0, failed);
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
