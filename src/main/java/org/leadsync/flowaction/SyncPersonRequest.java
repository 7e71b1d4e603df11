package org.leadsync.flowaction;

import java.util.Collection;
import java.util.Map;
import org.leadsync.port.CrmEntity;

/**
 * One "Sync Person to Microsoft" call (docs/sync-rules.md R15): the person, what to create, its owner (or
 * null), and the person's fields as the webhook payload carried them (Marketo field name to value, empty
 * when the payload carried none; docs/api.md, Flow action).
 */
public record SyncPersonRequest(long leadId, CrmEntity syncAs, String assignTo, Map<String, String> person) {

    public SyncPersonRequest {
        person = person == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(person));
    }

    public SyncPersonRequest(long leadId, CrmEntity syncAs, String assignTo) {
        this(leadId, syncAs, assignTo, Map.of());
    }

    /** True when the payload carried every one of `fields` (an empty value counts): no need to read the person. */
    public boolean carries(Collection<String> fields) {
        return !person.isEmpty() && person.keySet().containsAll(fields);
    }
}
