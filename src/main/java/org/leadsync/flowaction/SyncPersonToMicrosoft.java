package org.leadsync.flowaction;

import org.leadsync.api.SyncPersonRequest;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.dynamics.AttributeValue;
import org.leadsync.dynamics.DynamicsConnector;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.fields.FieldMapping;
import org.leadsync.fields.FieldMappings;
import org.leadsync.port.CrmEntity;
import org.leadsync.link.LinkState;
import org.leadsync.link.RecordLink;
import org.leadsync.marketo.MarketoConnector;
import org.leadsync.port.MarketoPerson;
import org.leadsync.marketo.SyncAction;
import org.leadsync.api.ApiProblem;
import org.leadsync.sync.CrmFields;
import org.leadsync.sync.FieldSet;
import org.leadsync.sync.FieldValue;

/**
 * R15, "Sync Person to Microsoft": if the person has no Dynamics record, a lead is created from its
 * mapped fields before the answer leaves (a contact, through QualifyLead, with syncAs=contact); if it
 * has one, or a lead or contact carries its email, nothing is written to Dynamics. It never pushes
 * updates and never forces a sync. One call per person creates, whatever the number of instances: the
 * flow_action_claim row decides.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncPersonToMicrosoft {

    private static final long WAIT_STEP_MS = 200;

    @Inject
    MarketoConnector marketo;

    @Inject
    DynamicsConnector dynamics;

    @Inject
    FlowActionClaims claims;

    @Inject
    FlowActionLinks flowLinks;

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
        MarketoPerson person = marketo.findByIds(List.of(personId), wanted).stream().findFirst()
                .orElseThrow(() -> new ApiProblem(404, "person-not-found", "Marketo has no person with id " + personId));

        // Everything from here runs under the person's claim: a concurrent call that created the lead
        // must not be mistaken for "a lead with the person's email already exists".
        String holder = UUID.randomUUID().toString();
        while (!claim(personId, holder)) {
            Optional<SyncPersonResult> other = existingLink(personId);
            if (other.isPresent()) {
                return other.get(); // a concurrent call created it (R15: exactly one record)
            }
            if (clock.instant().isAfter(deadline)) {
                throw new DeadlinePassed();
            }
            pause();
        }
        try {
            Optional<SyncPersonResult> raced = existingLink(personId);
            if (raced.isPresent()) {
                return raced.get();
            }
            Optional<SyncPersonResult> byEmail = linkByEmail(person);
            return byEmail.isPresent() ? byEmail.get() : create(person, request, leadFields, contactFields);
        } finally {
            claims.release(personId, holder);
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
            List<DynamicsRecord> found = dynamics.byEmails(entity, List.of(email), List.of("emailaddress1", "statecode"));
            Optional<DynamicsRecord> open = found.stream()
                    .filter(r -> entity == CrmEntity.CONTACT || !"1".equals(FieldValue.normalise(r.get("statecode"))))
                    .findFirst();
            if (open.isEmpty()) {
                continue;
            }
            String recordId = open.get().id().toLowerCase();
            Optional<RecordLink> owner = flowLinks.byRecord(recordId);
            if (owner.isEmpty()) {
                flowLinks.link(person.id(), entity, recordId, Map.of(), clock.instant());
                tellMarketo(person.id(), entity, recordId);
            }
            return Optional.of(SyncPersonResult.exists(person.id(), entity.logicalName(), recordId));
        }
        return Optional.empty();
    }

    private SyncPersonResult create(MarketoPerson person, SyncPersonRequest request, FieldSet leadFields,
                                    FieldSet contactFields) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, String> agreed = new LinkedHashMap<>();
        for (String field : leadFields.marketoFields()) {
            String value = FieldValue.normalise(person.fields().get(field));
            agreed.put(field, value);
            if (value != null) {
                String attribute = leadFields.attributeOf(field);
                attributes.put(attribute, AttributeValue.typed(dynamics.attribute(CrmEntity.LEAD, attribute), value));
            }
        }
        CreateDefaults.parse(leadDefaults).forEach(attributes::putIfAbsent);
        if (request.syncAs() == CrmEntity.CONTACT) {
            contactDefaults.map(CreateDefaults::parse).orElse(Map.of()).forEach(attributes::putIfAbsent);
        }
        if (request.assignTo() != null) {
            attributes.put("ownerid", request.assignTo());
        }
        String leadId;
        try {
            leadId = dynamics.create(CrmEntity.LEAD, attributes).toLowerCase();
        } catch (DynamicsValidationFailed refused) {
            return SyncPersonResult.failed(person.id(), List.of(new SyncPersonResult.FieldError(
                    refused.attribute(), refused.code(), refused.getMessage())));
        }
        CrmEntity entity = CrmEntity.LEAD;
        String recordId = leadId;
        Map<String, String> snapshot = agreed;
        if (request.syncAs() == CrmEntity.CONTACT) {
            entity = CrmEntity.CONTACT;
            recordId = dynamics.qualify(leadId).toLowerCase();
            snapshot = agreedWithContact(person, contactFields, recordId);
        }
        flowLinks.link(person.id(), entity, recordId, snapshot, clock.instant());
        tellMarketo(person.id(), entity, recordId);
        flowLinks.record(new ActivityEntry(person.id(), clock.instant(), "created-in-dynamics", "success")
                .record(entity.logicalName(), recordId).direction("to-dynamics").operation("create")
                .fields(new ArrayList<>(attributes.keySet()))
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

    /** R1: the person's CRM fields say which record it is linked to. */
    private void tellMarketo(long personId, CrmEntity entity, String recordId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", personId);
        fields.putAll(CrmFields.linkedTo(entity, recordId));
        marketo.upsert(List.of(fields), SyncAction.UPDATE_ONLY, "id");
    }

    private boolean claim(long personId, String holder) {
        try {
            return claims.tryClaim(personId, holder, clock.instant());
        } catch (EJBException takenByAnotherCall) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_STEP_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadlinePassed();
        }
    }

    /** The webhook must answer within Marketo's 30 s (api.md): give up with 503 and Retry-After. */
    @jakarta.ejb.ApplicationException
    public static class DeadlinePassed extends RuntimeException {
        public DeadlinePassed() {
            super("The person's record is still being created by another call");
        }
    }
}
