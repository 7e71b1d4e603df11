package org.leadsync.sync;

import java.util.Map;
import org.leadsync.link.RecordLink;

/**
 * One linked person/record with both sides' current values, keyed by Marketo field name, and any CRM
 * fields (msftType, msftId, msftIsDeleted: docs/sync-rules.md R1) the person must be sent as well.
 */
public record LinkedPair(RecordLink link, Map<String, Object> marketo, Map<String, Object> dynamics,
                         Map<String, Object> crmFields) {

    public LinkedPair(RecordLink link, Map<String, Object> marketo, Map<String, Object> dynamics) {
        this(link, marketo, dynamics, Map.of());
    }
}
