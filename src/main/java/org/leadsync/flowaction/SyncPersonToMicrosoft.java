package org.leadsync.flowaction;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.fields.FieldMapping;
import org.leadsync.fields.FieldMappings;
import org.leadsync.link.LinkState;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.CrmFields;
import org.leadsync.port.DynamicsActivities;
import org.leadsync.port.DynamicsException;
import org.leadsync.port.DynamicsNotFound;
import org.leadsync.port.DynamicsOwner;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.MarketoException;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;
import org.leadsync.port.PersonUpdate;
import org.leadsync.sync.FieldSet;
import org.leadsync.sync.FieldValue;

/**
 * "Sync Person to Microsoft" (docs/sync-rules.md R15): if the person has no Dynamics record, a lead is
 * created from its mapped fields before the answer leaves (a contact, through QualifyLead, with
 * syncAs=contact); if it has one, or a lead or contact carries its email, nothing is written to Dynamics.
 * It never pushes updates and never forces a sync. Concurrent calls for one person run one after another
 * under the person's database claim, so one record is created whatever the number of instances. Answers
 * an outcome; the API maps it to HTTP.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncPersonToMicrosoft {

    @Inject
    MarketoPersons marketo;

    @Inject
    DynamicsRecords dynamics;

    @Inject
    DynamicsActivities owners;

    @Inject
    FlowActionClaims claims;

    @Inject
    FlowActionLinks flowLinks;

    @Inject
    FlowActionCalls calls;

    @Inject
    FieldMappings mappings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.lead-defaults", defaultValue = "subject=Marketo lead")
    String leadDefaults;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.contact-defaults")
    Optional<String> contactDefaults;

    public SyncPersonResult sync(SyncPersonRequest request, Instant deadline) {
        long personId = request.leadId();
        try {
            Optional<SyncPersonResult> linked = existingLink(personId);
            if (linked.isPresent()) {
                return linked.get();
            }
            List<FieldMapping> current = mappings.current();
            FieldSet leadFields = FieldSet.of(CrmEntity.LEAD, current);
            FieldSet contactFields = FieldSet.of(CrmEntity.CONTACT, current);
            Set<String> wanted = new LinkedHashSet<>(leadFields.marketoFields());
            wanted.addAll(contactFields.marketoFields());
            wanted.add("email");
            // the webhook payload carries the person's mapped fields (docs/api.md, template): no Marketo call then
            Optional<MarketoPerson> person = request.carries(wanted)
                    ? Optional.of(new MarketoPerson(personId, new LinkedHashMap<>(request.person())))
                    : marketo.findByIds(List.of(personId), wanted).stream().findFirst();
            if (person.isEmpty()) {
                return SyncPersonResult.personNotFound(personId);
            }
            claims.prepare(personId, clock.instant());
            Duration wait = Duration.between(clock.instant(), deadline);
            // Under the claim: a concurrent call that created the lead must not be mistaken for
            // "a lead with the person's email already exists".
            return claims.whileHolding(personId, wait.isNegative() ? Duration.ZERO : wait, () -> existingLink(personId)
                    .or(() -> linkByEmail(person.get()))
                    .orElseGet(() -> create(person.get(), request, leadFields, contactFields)));
        } catch (DynamicsException | MarketoException unreachable) {
            return SyncPersonResult.unavailable(personId, unreachable.getMessage());
        } catch (EJBException waitedTooLong) {
            Throwable cause = waitedTooLong.getCause() != null ? waitedTooLong.getCause() : waitedTooLong;
            if (cause instanceof DynamicsException || cause instanceof MarketoException) {
                return SyncPersonResult.unavailable(personId, cause.getMessage());
            }
            return SyncPersonResult.unavailable(personId, "The person's record is still being created by another call");
        }
    }

    private Optional<SyncPersonResult> existingLink(long personId) {
        return flowLinks.byPerson(personId)
                .filter(link -> link.state() != LinkState.DELETED_IN_DYNAMICS) // R14: it gets a new lead
                .map(link -> SyncPersonResult.exists(personId, link.entity().logicalName(), link.dynamicsId()));
    }

    /** A lead or contact already carrying the person's email is linked, not duplicated (contacts first). */
    private Optional<SyncPersonResult> linkByEmail(MarketoPerson person) {
        String email = FieldValue.normalise(person.fields().get("email"));
        if (email == null) {
            return Optional.empty();
        }
        for (CrmEntity entity : List.of(CrmEntity.CONTACT, CrmEntity.LEAD)) {
            Optional<DynamicsRecord> open = dynamics.openByEmail(entity, email);
            if (open.isEmpty()) {
                continue;
            }
            String recordId = open.get().id();
            if (flowLinks.byRecord(recordId).isEmpty()) {
                flowLinks.link(person.id(), entity, recordId, Map.of(), clock.instant());
                tellMarketo(person.id(), entity, recordId);
            }
            return Optional.of(SyncPersonResult.exists(person.id(), entity.logicalName(), recordId));
        }
        return Optional.empty();
    }

    private SyncPersonResult create(MarketoPerson person, SyncPersonRequest request, FieldSet leadFields,
                                    FieldSet contactFields) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> agreed = new LinkedHashMap<>();
        for (String field : leadFields.marketoFields()) {
            String value = FieldValue.normalise(person.fields().get(field));
            agreed.put(field, value);
            if (value != null) {
                values.put(leadFields.attributeOf(field), value);
            }
        }
        CreateDefaults.parse(leadDefaults).forEach(values::putIfAbsent);
        if (request.syncAs() == CrmEntity.CONTACT) {
            contactDefaults.map(CreateDefaults::parse).orElse(Map.of()).forEach(values::putIfAbsent);
        }
        DynamicsOwner owner = null;
        if (request.assignTo() != null) {
            // Assign To: a user or a team, by id or email (docs/api.md); one that does not exist is a refusal, not an outage
            owner = owners.owner(request.assignTo()).orElse(null);
            if (owner == null) {
                return SyncPersonResult.failed(person.id(), List.of(new SyncPersonResult.FieldError("assignTo", "not-found",
                        "No Dynamics user or team has the id or email " + request.assignTo())));
            }
            if (owner.kind() == DynamicsOwner.Kind.USER) {
                values.put("ownerid", owner.id());
            }
        }
        String leadId;
        try {
            leadId = dynamics.create(CrmEntity.LEAD, values);
            if (owner != null && owner.kind() == DynamicsOwner.Kind.TEAM) {
                owners.assign(CrmEntity.LEAD, leadId, owner); // a team owner is bound by an Assign of the new lead
            }
        } catch (DynamicsValidationFailed refused) {
            return SyncPersonResult.failed(person.id(), List.of(new SyncPersonResult.FieldError(
                    refused.attribute(), refused.code(), refused.getMessage())));
        } catch (DynamicsNotFound gone) {
            return SyncPersonResult.failed(person.id(), List.of(new SyncPersonResult.FieldError(null, "not-found", gone.getMessage())));
        }
        CrmEntity entity = request.syncAs();
        String recordId = leadId;
        if (entity == CrmEntity.CONTACT) {
            recordId = dynamics.qualify(leadId);
            flowLinks.linkQualified(person.id(), leadId, recordId, agreedWithContact(person, contactFields, recordId),
                    clock.instant());
        } else {
            flowLinks.link(person.id(), entity, recordId, agreed, clock.instant());
        }
        tellMarketo(person.id(), entity, recordId);
        flowLinks.record(new ActivityEntry(person.id(), clock.instant(), ActivityType.CREATED_IN_DYNAMICS, ActivityOutcome.SUCCESS)
                .record(entity.logicalName(), recordId).direction(ActivityDirection.TO_DYNAMICS).operation(ActivityOperation.CREATE)
                .fields(new ArrayList<>(values.keySet()))
                .message(entity == CrmEntity.CONTACT ? "Created lead " + leadId + " and qualified it into this contact"
                        : "Created from the person's mapped fields"));
        return SyncPersonResult.created(person.id(), entity.logicalName(), recordId);
    }

    /** The contact QualifyLead made holds what Dynamics copied: only fields equal on both sides are agreed (R9 decides the rest). */
    private Map<String, String> agreedWithContact(MarketoPerson person, FieldSet contactFields, String contactId) {
        Map<String, String> agreed = new LinkedHashMap<>();
        dynamics.byIds(CrmEntity.CONTACT, List.of(contactId), contactFields.attributes()).stream().findFirst()
                .ifPresent(contact -> {
                    Map<String, Object> values = contactFields.byMarketoField(contact.attributes());
                    for (String field : contactFields.marketoFields()) {
                        if (FieldValue.same(person.fields().get(field), values.get(field))) {
                            agreed.put(field, FieldValue.normalise(values.get(field)));
                        }
                    }
                });
        return agreed;
    }

    /**
     * R1: the person's CRM fields say which record it is linked to. Written with the retrier's next batch
     * (docs/api.md, Flow action), not one Marketo call per person on the webhook's path.
     */
    private void tellMarketo(long personId, CrmEntity entity, String recordId) {
        if (calls.writeBackLater(personId, entity, recordId)) {
            return;
        }
        marketo.updatePersons(List.of(new PersonUpdate(personId, CrmFields.linkedTo(entity, recordId))));
    }
}
