package org.leadsync.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-field decisions for one linked pair, and what each side must be sent. */
public record MergePlan(List<FieldDecision> decisions) {

    public MergePlan {
        decisions = List.copyOf(decisions);
    }

    /** Marketo field → normalised value to write to `side`; only changed fields (R7). */
    public Map<String, String> writesTo(Side side) {
        Map<String, String> writes = new LinkedHashMap<>();
        for (FieldDecision decision : decisions) {
            if (decision.writeTo() == side) {
                writes.put(decision.field(), decision.agreedValue());
            }
        }
        return writes;
    }

    public List<FieldDecision.Collision> collisions() {
        return decisions.stream()
                .filter(FieldDecision.Collision.class::isInstance)
                .map(FieldDecision.Collision.class::cast)
                .toList();
    }

    /** The snapshot once every write succeeded: each field's agreed value. */
    public Map<String, String> agreedValues() {
        Map<String, String> agreed = new LinkedHashMap<>();
        decisions.forEach(d -> agreed.put(d.field(), d.agreedValue()));
        return agreed;
    }

    /** True when neither side needs a write: the sides agree (the echo of our own writes lands here). */
    public boolean writesNothing() {
        return decisions.stream().allMatch(d -> d.writeTo() == null);
    }
}
