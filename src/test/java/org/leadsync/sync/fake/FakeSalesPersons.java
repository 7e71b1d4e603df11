package org.leadsync.sync.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadsync.port.MarketoSalesPersons;
import org.leadsync.port.Owner;
import org.leadsync.port.RecordOutcome;

/** Marketo's sales persons in memory, deduplicated on externalSalesPersonId as Sync Sales Persons does. */
public final class FakeSalesPersons implements MarketoSalesPersons {

    private final Map<String, Owner> byExternalId = new LinkedHashMap<>();
    private final Map<String, Long> ids = new LinkedHashMap<>();
    private final List<Owner> received = new ArrayList<>();
    private String refuseEmail;

    /** The next writes of a sales person with this email are skipped with 1003, as an invalid value would be. */
    public void refuseEmail(String email) {
        this.refuseEmail = email;
    }

    public Owner byExternalId(String id) {
        return byExternalId.get(id);
    }

    public int count() {
        return byExternalId.size();
    }

    public List<Owner> received() {
        return List.copyOf(received);
    }

    @Override
    public List<RecordOutcome> syncSalesPersons(List<Owner> owners) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            Owner owner = owners.get(i);
            received.add(owner);
            if (owner.email() != null && owner.email().equals(refuseEmail)) {
                outcomes.add(new RecordOutcome(i, null, RecordOutcome.Status.SKIPPED, "1003", "Invalid email address"));
                continue;
            }
            boolean created = !byExternalId.containsKey(owner.id());
            byExternalId.put(owner.id(), owner);
            long id = ids.computeIfAbsent(owner.id(), k -> (long) ids.size() + 1);
            outcomes.add(new RecordOutcome(i, id, created ? RecordOutcome.Status.CREATED : RecordOutcome.Status.UPDATED, null, null));
        }
        return outcomes;
    }
}
