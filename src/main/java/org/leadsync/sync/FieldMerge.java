package org.leadsync.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.leadsync.port.CrmEntity;

/**
 * R7-R9: the three-way merge of one linked pair, field by field, against the snapshot of the last
 * sync. Plain Java: the cycle hands it values, it hands back decisions.
 */
public final class FieldMerge {

    private FieldMerge() {
    }

    /**
     * @param fields   the mapped Marketo field names that sync for this entity (R2)
     * @param snapshot the agreed values of the last sync; a missing key means "never agreed" (R9)
     * @param marketo  the person's current values by Marketo field name
     * @param dynamics the record's current values, already keyed by Marketo field name
     */
    public static MergePlan merge(CrmEntity entity, Collection<String> fields, Map<String, String> snapshot,
                                  Map<String, ?> marketo, Map<String, ?> dynamics, MergeMode mode) {
        List<FieldDecision> decisions = new ArrayList<>(fields.size());
        for (String field : fields) {
            String m = FieldValue.normalise(marketo.get(field));
            String d = FieldValue.normalise(dynamics.get(field));
            if (snapshot.containsKey(field)) {
                decisions.add(threeWay(entity, field, FieldValue.normalise(snapshot.get(field)), m, d));
            } else {
                decisions.add(mode == MergeMode.FILL_FROM_DYNAMICS ? fill(field, m, d) : firstLink(entity, field, m, d));
            }
        }
        return new MergePlan(decisions);
    }

    private static FieldDecision threeWay(CrmEntity entity, String field, String s, String m, String d) {
        if (same(m, d)) {
            return new FieldDecision.Agreed(field, m);
        }
        boolean marketoChanged = !same(m, s);
        boolean dynamicsChanged = !same(d, s);
        if (marketoChanged && !dynamicsChanged) {
            return new FieldDecision.Copy(field, Side.MARKETO, m);
        }
        if (dynamicsChanged && !marketoChanged) {
            return new FieldDecision.Copy(field, Side.DYNAMICS, d);
        }
        return new FieldDecision.Collision(field, m, d, CollisionPolicy.winnerFor(entity));
    }

    /** R9: an empty side takes the other's value; two different values are a collision (R8). */
    private static FieldDecision firstLink(CrmEntity entity, String field, String m, String d) {
        if (same(m, d)) {
            return new FieldDecision.Agreed(field, m);
        }
        if (m == null) {
            return new FieldDecision.Copy(field, Side.DYNAMICS, d);
        }
        if (d == null) {
            return new FieldDecision.Copy(field, Side.MARKETO, m);
        }
        return new FieldDecision.Collision(field, m, d, CollisionPolicy.winnerFor(entity));
    }

    private static FieldDecision fill(String field, String m, String d) {
        if (same(m, d)) {
            return new FieldDecision.Agreed(field, m);
        }
        if (d == null) {
            return new FieldDecision.Copy(field, Side.MARKETO, m);
        }
        return new FieldDecision.Copy(field, Side.DYNAMICS, d);
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
