package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.link.RecordLink;
import org.leadsync.link.WriteIntent;
import org.leadsync.link.WriteIntents;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.MarketoPersons;
import org.leadsync.port.PersonUpdate;
import org.leadsync.port.RecordOutcome;
import org.leadsync.port.WriteOutcome;

/**
 * Carries out the merge of linked pairs (R7, R8, R9): plans each pair with {@link FieldMerge}, sends
 * each side only its changed fields in batches, keeps the snapshot of what was agreed, and writes an
 * activity entry for every update, collision and failure (R17, R18, R20). Runs in the page's transaction.
 */
@Stateless
public class PairSync {

    /** The error code of a poison record: one that fails transiently while the rest of its batch goes through. */
    static final String KEEPS_FAILING = "keeps-failing";

    @Inject
    MarketoPersons marketo;

    @Inject
    DynamicsRecords dynamics;

    @Inject
    ActivityLog activities;

    @Inject
    WriteIntents intents;

    @Inject
    Clock clock;

    public CycleCounts sync(FieldSet fields, List<LinkedPair> pairs, MergeMode mode) {
        if (pairs.isEmpty()) {
            return CycleCounts.NONE;
        }
        Instant now = clock.instant();
        List<Long> personIds = pairs.stream().map(p -> p.link().personId()).toList();
        Map<Long, List<WriteIntent>> leftByACrash = intents.pendingFor(personIds);
        List<MergePlan> plans = new ArrayList<>(pairs.size());
        List<WriteIntent> announced = new ArrayList<>();
        for (LinkedPair pair : pairs) {
            reconcile(pair, leftByACrash.getOrDefault(pair.link().personId(), List.of()), now);
            MergePlan plan = FieldMerge.merge(fields.entity(), fields.marketoFields(), pair.link().snapshotValues(),
                    pair.marketo(), pair.dynamics(), mode);
            plans.add(plan);
            for (FieldDecision decision : plan.decisions()) {
                if (decision.writeTo() != null) {
                    announced.add(new WriteIntent(pair.link().personId(), decision.field(), decision.writeTo().label(),
                            decision.agreedValue(), now));
                }
            }
        }
        if (!announced.isEmpty()) {
            intents.recordBeforeWrite(announced); // committed before any write: a kill after it leaves the truth behind
        }
        boolean[] dynamicsOk = writeDynamics(fields, pairs, plans, now);
        boolean[] marketoOk = writeMarketo(fields, pairs, plans, now);

        int collisions = 0;
        int failed = 0;
        int toMarketo = 0;
        int toDynamics = 0;
        for (int i = 0; i < pairs.size(); i++) {
            RecordLink link = pairs.get(i).link();
            MergePlan plan = plans.get(i);
            for (FieldDecision decision : plan.decisions()) {
                Side target = decision.writeTo();
                boolean done = target == null || (target == Side.DYNAMICS ? dynamicsOk[i] : marketoOk[i]);
                if (done) {
                    link.recordSnapshot(decision.field(), decision.agreedValue(), now);
                }
            }
            for (FieldDecision.Collision collision : plan.collisions()) {
                collisions++;
                activities.record(entry(link, now, ActivityType.COLLISION, ActivityOutcome.SUCCESS)
                        .direction(collision.winner() == Side.MARKETO ? ActivityDirection.TO_DYNAMICS : ActivityDirection.TO_MARKETO)
                        .operation(ActivityOperation.UPDATE)
                        .fields(List.of(collision.field()))
                        .message(collision.field() + " changed on both sides: Marketo '" + text(collision.marketoValue())
                                + "', Dynamics '" + text(collision.dynamicsValue()) + "'; "
                                + (collision.winner() == Side.MARKETO ? "Marketo" : "Dynamics") + " wins for "
                                + link.entity().logicalName() + "s (R8)"));
            }
            if (!plan.writesTo(Side.DYNAMICS).isEmpty()) {
                if (dynamicsOk[i]) {
                    toDynamics++;
                } else {
                    failed++;
                }
            }
            boolean marketoWrite = !plan.writesTo(Side.MARKETO).isEmpty() || !pairs.get(i).crmFields().isEmpty();
            if (marketoWrite) {
                if (marketoOk[i]) {
                    toMarketo++;
                } else {
                    failed++;
                }
            }
        }
        if (!announced.isEmpty() || !leftByACrash.isEmpty()) {
            intents.clear(personIds); // with this page's commit the snapshots hold what was written
        }
        return new CycleCounts(0, 0, toMarketo, toDynamics, collisions, failed);
    }

    /**
     * R6 after a kill: a field whose target side holds exactly what an intent announced was written by
     * LeadSync, so that value is the agreed one; R7 then sees only the edits users made since.
     */
    private static void reconcile(LinkedPair pair, List<WriteIntent> pending, Instant now) {
        for (WriteIntent intent : pending) {
            Object current = Side.MARKETO.label().equals(intent.target()) ? pair.marketo().get(intent.field())
                    : pair.dynamics().get(intent.field());
            if (FieldValue.same(current, intent.intended())) {
                pair.link().recordSnapshot(intent.field(), FieldValue.normalise(intent.intended()), now);
            }
        }
    }

    private boolean[] writeDynamics(FieldSet fields, List<LinkedPair> pairs, List<MergePlan> plans, Instant now) {
        boolean[] ok = new boolean[pairs.size()];
        List<DynamicsWrite> writes = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Map<String, String> changed = plans.get(i).writesTo(Side.DYNAMICS);
            ok[i] = true;
            if (changed.isEmpty()) {
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            changed.forEach((field, value) -> attributes.put(fields.attributeOf(field), value));
            RecordLink link = pairs.get(i).link();
            writes.add(DynamicsWrite.update(link.entity(), link.dynamicsId(), attributes));
            sent.add(i);
        }
        if (writes.isEmpty()) {
            return ok;
        }
        List<WriteOutcome> outcomes = writeIsolatingPoison(writes);
        for (int k = 0; k < sent.size(); k++) {
            int i = sent.get(k);
            WriteOutcome outcome = outcomes.get(k);
            RecordLink link = pairs.get(i).link();
            List<String> attributes = List.copyOf(writes.get(k).attributes().keySet());
            ok[i] = outcome.succeeded();
            if (ok[i]) {
                activities.record(entry(link, now, ActivityType.UPDATED_IN_DYNAMICS, ActivityOutcome.SUCCESS)
                        .direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.UPDATE).fields(attributes));
            } else {
                activities.record(entry(link, now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                        .direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.UPDATE)
                        .fields(outcome.attribute() != null ? List.of(outcome.attribute()) : attributes)
                        .error(outcome.code(), outcome.message()));
            }
        }
        return ok;
    }

    /**
     * R6 and R19: when every write of the batch fails transiently, Dynamics is throttling or down: the page
     * rolls back and the next cycle redoes it. When only some do, those are sent once more; one that still
     * fails is a poison record: it is logged like a refusal (retried when it changes again) and no longer
     * holds back its page or the cursor.
     */
    private List<WriteOutcome> writeIsolatingPoison(List<DynamicsWrite> writes) {
        List<WriteOutcome> outcomes = new ArrayList<>(dynamics.write(writes));
        List<Integer> failedNow = new ArrayList<>();
        for (int k = 0; k < outcomes.size(); k++) {
            if (outcomes.get(k).kind() == WriteOutcome.Kind.TRANSIENT) {
                failedNow.add(k);
            }
        }
        if (failedNow.isEmpty()) {
            return outcomes;
        }
        if (failedNow.size() == outcomes.size()) {
            throw new RetryNextCycle("Dynamics could not take any update of the page now: " + outcomes.get(0).message());
        }
        List<WriteOutcome> again = dynamics.write(failedNow.stream().map(writes::get).toList());
        for (int j = 0; j < failedNow.size(); j++) {
            WriteOutcome outcome = again.get(j);
            outcomes.set(failedNow.get(j), outcome.kind() != WriteOutcome.Kind.TRANSIENT ? outcome
                    : new WriteOutcome(WriteOutcome.Kind.VALIDATION_FAILED, outcome.id(), KEEPS_FAILING,
                    "Dynamics failed this record twice while taking the others (" + outcome.message()
                            + "); it is tried again when it changes again (R19)", outcome.attribute()));
        }
        return outcomes;
    }

    private boolean[] writeMarketo(FieldSet fields, List<LinkedPair> pairs, List<MergePlan> plans, Instant now) {
        boolean[] ok = new boolean[pairs.size()];
        List<PersonUpdate> records = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Map<String, String> changed = plans.get(i).writesTo(Side.MARKETO);
            Map<String, Object> crm = pairs.get(i).crmFields();
            ok[i] = true;
            if (changed.isEmpty() && crm.isEmpty()) {
                continue;
            }
            Map<String, Object> record = new LinkedHashMap<>(changed);
            record.putAll(crm);
            records.add(new PersonUpdate(pairs.get(i).link().personId(), record));
            sent.add(i);
        }
        if (records.isEmpty()) {
            return ok;
        }
        List<RecordOutcome> outcomes = marketo.updatePersons(records);
        for (int k = 0; k < sent.size(); k++) {
            int i = sent.get(k);
            RecordOutcome outcome = outcomes.get(k);
            RecordLink link = pairs.get(i).link();
            List<String> written = new ArrayList<>(records.get(k).fields().keySet());
            ok[i] = !outcome.skipped();
            if (ok[i]) {
                OwnerLink.written(link, records.get(k).fields(), now);
                activities.record(entry(link, now, ActivityType.UPDATED_IN_MARKETO, ActivityOutcome.SUCCESS)
                        .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.UPDATE).fields(written));
            } else {
                activities.record(entry(link, now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                        .direction(ActivityDirection.TO_MARKETO).operation(ActivityOperation.UPDATE).fields(written)
                        .error(outcome.code(), outcome.message()));
            }
        }
        return ok;
    }

    static ActivityEntry entry(RecordLink link, Instant now, ActivityType type, ActivityOutcome outcome) {
        return new ActivityEntry(link.personId(), now, type, outcome).record(link.entity().logicalName(), link.dynamicsId());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
