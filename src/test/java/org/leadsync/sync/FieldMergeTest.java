package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.port.CrmEntity;

/** R7, R8, R9 and the fill of a new mapping, table-driven. `~` stands for an empty value. */
class FieldMergeTest {

    private static final String F = "company";

    @ParameterizedTest(name = "[{index}] {0}: S={1} M={2} D={3} -> {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            # entity | snapshot | marketo | dynamics | expected write to | expected agreed value
            # R7 case 1: M = D, nothing written, snapshot becomes that value
            LEAD    | Acme     | Acme     | Acme     | NONE     | Acme
            LEAD    | Acme     | Globex   | Globex   | NONE     | Globex
            CONTACT | ~        | ~        | ~        | NONE     | ~
            # R7 case 2: only Marketo changed, written to Dynamics
            LEAD    | Acme     | Globex   | Acme     | DYNAMICS | Globex
            CONTACT | Acme     | Globex   | Acme     | DYNAMICS | Globex
            CONTACT | Acme     | ~        | Acme     | DYNAMICS | ~
            # R7 case 3: only Dynamics changed, written to Marketo
            LEAD    | Acme     | Acme     | Initech  | MARKETO  | Initech
            CONTACT | Acme     | Acme     | Initech  | MARKETO  | Initech
            LEAD    | ~        | ~        | Initech  | MARKETO  | Initech
            # R7 case 4 + R8: both changed, differently: Marketo wins for leads, Dynamics for contacts
            LEAD    | Acme     | Globex   | Initech  | DYNAMICS | Globex
            CONTACT | Acme     | Globex   | Initech  | MARKETO  | Initech
            LEAD    | Acme     | ~        | Initech  | DYNAMICS | ~
            CONTACT | Acme     | Globex   | ~        | MARKETO  | ~
            """)
    void threeWayPerField(CrmEntity entity, String snapshot, String marketo, String dynamics, String writeTo,
                          String agreed) {
        Map<String, String> snap = new HashMap<>();
        snap.put(F, snapshot);
        MergePlan plan = FieldMerge.merge(entity, List.of(F), snap, values(marketo), values(dynamics),
                MergeMode.THREE_WAY);
        assertEquals(expectedSide(writeTo), plan.decisions().get(0).writeTo());
        assertEquals(agreed, plan.agreedValues().get(F));
        if (expectedSide(writeTo) != null) {
            assertEquals(Map.of(F, agreedOrEmpty(agreed)), nullSafe(plan.writesTo(expectedSide(writeTo))));
        }
    }

    @ParameterizedTest(name = "[{index}] R9 {0}: M={1} D={2} -> {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            LEAD    | Acme   | Acme    | NONE     | Acme
            LEAD    | ~      | Initech | MARKETO  | Initech
            CONTACT | Globex | ~       | DYNAMICS | Globex
            LEAD    | Globex | Initech | DYNAMICS | Globex
            CONTACT | Globex | Initech | MARKETO  | Initech
            """)
    void firstLinkWithoutSnapshot(CrmEntity entity, String marketo, String dynamics, String writeTo, String agreed) {
        MergePlan plan = FieldMerge.merge(entity, List.of(F), Map.of(), values(marketo), values(dynamics),
                MergeMode.THREE_WAY);
        assertEquals(expectedSide(writeTo), plan.decisions().get(0).writeTo());
        assertEquals(agreed, plan.agreedValues().get(F));
    }

    @ParameterizedTest(name = "[{index}] fill {0}: M={1} D={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            LEAD    | Globex | Initech | MARKETO  | Initech
            CONTACT | Globex | Initech | MARKETO  | Initech
            LEAD    | Globex | ~       | DYNAMICS | Globex
            LEAD    | Same   | Same    | NONE     | Same
            """)
    void newMappingIsFilledFromDynamics(CrmEntity entity, String marketo, String dynamics, String writeTo,
                                        String agreed) {
        MergePlan plan = FieldMerge.merge(entity, List.of(F), Map.of(), values(marketo), values(dynamics),
                MergeMode.FILL_FROM_DYNAMICS);
        assertEquals(expectedSide(writeTo), plan.decisions().get(0).writeTo());
        assertEquals(agreed, plan.agreedValues().get(F));
    }

    @Test
    void collisionNamesBothValuesAndTheWinner() {
        MergePlan plan = FieldMerge.merge(CrmEntity.LEAD, List.of(F), Map.of(F, "Acme"),
                Map.of(F, "Globex"), Map.of(F, "Initech"), MergeMode.THREE_WAY);
        FieldDecision.Collision collision = assertInstanceOf(FieldDecision.Collision.class, plan.decisions().get(0));
        assertEquals("Globex", collision.marketoValue());
        assertEquals("Initech", collision.dynamicsValue());
        assertEquals(Side.MARKETO, collision.winner());
        assertEquals(1, plan.collisions().size());
    }

    @Test
    void onlyChangedFieldsAreSentAndEachSideGetsItsOwn() {
        Map<String, String> snapshot = Map.of("firstName", "Abe", "lastName", "Lincoln", "title", "CEO");
        MergePlan plan = FieldMerge.merge(CrmEntity.LEAD, List.of("firstName", "lastName", "title"), snapshot,
                Map.of("firstName", "Abraham", "lastName", "Lincoln", "title", "CEO"),
                Map.of("firstName", "Abe", "lastName", "Lincoln", "title", "President"),
                MergeMode.THREE_WAY);
        assertEquals(Map.of("firstName", "Abraham"), plan.writesTo(Side.DYNAMICS));
        assertEquals(Map.of("title", "President"), plan.writesTo(Side.MARKETO));
        assertEquals(Map.of("firstName", "Abraham", "lastName", "Lincoln", "title", "President"), plan.agreedValues());
    }

    @Test
    void echoOfOurOwnWriteWritesNothing() {
        // After the cycle wrote "Globex" to Dynamics the snapshot is Globex; the change feed brings the record back.
        MergePlan plan = FieldMerge.merge(CrmEntity.LEAD, List.of(F, "email"), Map.of(F, "Globex", "email", "a@x.com"),
                Map.of(F, "Globex", "email", "a@x.com"), Map.of(F, "Globex", "email", "a@x.com"), MergeMode.THREE_WAY);
        assertTrue(plan.writesNothing());
        assertTrue(plan.collisions().isEmpty());
    }

    @Test
    void typesAreNormalisedBeforeComparing() {
        MergePlan plan = FieldMerge.merge(CrmEntity.CONTACT, List.of("score", "since", "vip", "note"),
                Map.of("score", "10", "since", "2026-11-25T10:00:00Z", "vip", "true", "note", ""),
                Map.of("score", 10.0, "since", "2026-11-25T10:00:00+0000", "vip", Boolean.TRUE, "note", ""),
                mapWithNull("score", 10, "since", "2026-11-25T11:00:00+01:00", "vip", "true", "note"),
                MergeMode.THREE_WAY);
        assertTrue(plan.writesNothing(), plan.toString());
    }

    @Test
    void unmappedFieldsAreNeverTouched() {
        MergePlan plan = FieldMerge.merge(CrmEntity.LEAD, List.of("email"), Map.of("email", "a@x.com"),
                Map.of("email", "a@x.com", "company", "Globex"), Map.of("email", "a@x.com", "company", "Initech"),
                MergeMode.THREE_WAY);
        assertEquals(1, plan.decisions().size());
        assertTrue(plan.writesNothing());
    }

    private static Map<String, Object> mapWithNull(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        map.put((String) keyValues[keyValues.length - 1], null);
        return map;
    }

    private static Map<String, Object> values(String value) {
        Map<String, Object> map = new HashMap<>();
        map.put(F, value);
        return map;
    }

    private static Side expectedSide(String writeTo) {
        return "NONE".equals(writeTo) ? null : Side.valueOf(writeTo);
    }

    private static String agreedOrEmpty(String agreed) {
        return agreed == null ? "<empty>" : agreed;
    }

    private static Map<String, String> nullSafe(Map<String, String> writes) {
        Map<String, String> copy = new HashMap<>();
        writes.forEach((k, v) -> copy.put(k, v == null ? "<empty>" : v));
        return copy;
    }
}
