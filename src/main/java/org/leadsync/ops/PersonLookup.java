package org.leadsync.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadsync.fields.FieldMapping;
import org.leadsync.fields.FieldMappings;
import org.leadsync.link.RecordLink;
import org.leadsync.link.RecordLinks;
import org.leadsync.port.DynamicsException;
import org.leadsync.port.DynamicsRecord;
import org.leadsync.port.DynamicsRecords;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoPersons;

/**
 * Finds persons by email or either id and shows them as the sync sees them (docs/api.md, Persons): the link, and
 * per mapped field the value in Marketo now, in Dynamics now and the one last agreed (sync-rules.md R7). Read
 * through the ports, so what it shows is what the vendors hold, not a copy.
 */
@Stateless
public class PersonLookup {

    /** An email may be shared by several Marketo persons; more than this many are not shown. */
    public static final int MAX_PERSONS = 10;

    @Inject
    MarketoPersons marketo;

    @Inject
    DynamicsRecords dynamics;

    @Inject
    RecordLinks links;

    @Inject
    FieldMappings mappings;

    public List<Person> byEmail(String email) {
        return show(marketo.findByEmails(List.of(email), marketoFields()));
    }

    public List<Person> byLeadId(long leadId) {
        return show(marketo.findByIds(List.of(leadId), marketoFields()));
    }

    public List<Person> byDynamicsId(String dynamicsId) {
        Optional<RecordLink> link = links.byDynamicsId(dynamicsId);
        if (link.isPresent()) {
            return byLeadId(link.get().personId());
        }
        return show(marketo.findByDynamicsIds(List.of(dynamicsId), marketoFields()));
    }

    private List<Person> show(List<MarketoPerson> found) {
        List<FieldMapping> set = mappings.current();
        List<Person> persons = new ArrayList<>();
        for (MarketoPerson person : found.stream().limit(MAX_PERSONS).toList()) {
            RecordLink link = links.byPerson(person.id()).orElse(null);
            DynamicsRecord record = null;
            String problem = null;
            if (link != null) {
                try {
                    record = dynamics.byIds(link.entity(), List.of(link.dynamicsId()), attributes(set, link)).stream()
                            .findFirst().orElse(null);
                    if (record == null) {
                        problem = "The linked Dynamics " + link.entity().logicalName() + " was not found in Dynamics.";
                    }
                } catch (DynamicsException e) {
                    problem = "Dynamics could not be read just now; try again in a minute.";
                }
            }
            Map<String, String> agreed = link == null ? Map.of() : link.snapshotValues();
            List<FieldValues> values = new ArrayList<>();
            for (FieldMapping mapping : set) {
                String attribute = link == null ? null : mapping.attributeFor(link.entity());
                values.add(new FieldValues(mapping.marketoField(), attribute,
                        text(person.fields().get(mapping.marketoField())),
                        record == null || attribute == null ? null : text(record.get(attribute)),
                        agreed.get(mapping.marketoField())));
            }
            persons.add(new Person(person.id(), text(person.fields().get("email")), link == null ? null
                    : new Link(link.state().label(), link.entity().logicalName(), link.dynamicsId(), link.linkedAt(),
                            link.updatedAt()), values, problem));
        }
        return persons;
    }

    private Set<String> marketoFields() {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("email");
        mappings.current().forEach(m -> fields.add(m.marketoField()));
        return fields;
    }

    private static List<String> attributes(List<FieldMapping> set, RecordLink link) {
        return set.stream().map(m -> m.attributeFor(link.entity())).filter(a -> a != null).toList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** One person as GET /api/persons shows it. */
    public record Person(long leadId, String email, Link link, List<FieldValues> fields, String problem) {
    }

    /** `state`: active, deleted-in-dynamics or filtered-out (docs/api.md, Sync status). */
    public record Link(String state, String entity, String dynamicsId, Instant linkedAt, Instant updatedAt) {
    }

    /** A mapped field on both sides: `lastSynced` is the value both sides last agreed on, null when never synced. */
    public record FieldValues(String marketoField, String dynamicsAttribute, String marketo, String dynamics,
                              String lastSynced) {
    }
}
