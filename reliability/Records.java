import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records the suite seeds (the sandbox's deterministic leads and contacts), the mapped fields it edits and
 * checks (the default field set, docs/sync-rules.md R2), and the value every field must end with.
 *
 * Each (record, field) is only ever edited on one side, fixed by {@link #side}: the driver never edits the
 * same field on both sides between two syncs, so the expected final value of every field is simply the last
 * value the driver wrote (no collision rule to apply), and every `collision` entry LeadSync logs is spurious.
 * Across records each field is edited from both sides, and every record has fields edited from both sides, so
 * one merge often writes both ways.
 */
final class Records {

    enum Side { MARKETO, DYNAMICS }

    /** A mapped field: Marketo name, Dynamics attribute, whether only leads map it, a tag for generated values. */
    record Field(String marketo, String dynamics, boolean leadOnly, String tag) {
    }

    /** The fields the driver edits (default mapping; `company` maps for leads only). */
    static final List<Field> EDITED = List.of(
            new Field("firstName", "firstname", false, "F"),
            new Field("lastName", "lastname", false, "L"),
            new Field("title", "jobtitle", false, "T"),
            new Field("phone", "telephone1", false, "P"),
            new Field("company", "companyname", true, "C"));

    /** Mapped but never edited (LeadSync finds persons by it): checked like the others. */
    static final Field EMAIL = new Field("email", "emailaddress1", false, "E");

    static final String MARKETO_FIELDS = "id,email,firstName,lastName,title,phone,company,msftId,msftType,msftIsDeleted";

    /** One seeded Dynamics record and the Marketo person LeadSync linked it to (found by msftId). */
    static final class Rec {
        final int index;
        final String entity;
        final String set;
        final String id;
        final String email;
        final List<Field> edited;
        final List<Field> checked;
        volatile long personId = -1;

        Rec(int index, String entity, int i) {
            this.index = index;
            this.entity = entity;
            this.set = entity.equals("lead") ? "leads" : "contacts";
            this.id = UUID.nameUUIDFromBytes((entity + "-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            this.email = "seed-" + entity + "-" + i + "@example.com";
            List<Field> fields = new ArrayList<>();
            for (Field f : EDITED) {
                if (!f.leadOnly() || entity.equals("lead")) {
                    fields.add(f);
                }
            }
            this.edited = List.copyOf(fields);
            fields.add(EMAIL);
            this.checked = List.copyOf(fields);
        }

        String key(Field f) {
            return id + "|" + f.marketo();
        }
    }

    final List<Rec> all;
    final Map<String, Rec> byId = new LinkedHashMap<>();
    /** id|marketoField -> the value both sides must hold at the end (normalised: null for empty, so no ConcurrentHashMap). */
    final Map<String, String> expected = java.util.Collections.synchronizedMap(new java.util.HashMap<>());
    /** id|marketoField -> how many times the driver changed it. */
    final Map<String, Integer> edits = new ConcurrentHashMap<>();

    Records(int leads, int contacts) {
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            recs.add(new Rec(recs.size(), "lead", i));
        }
        for (int i = 0; i < contacts; i++) {
            recs.add(new Rec(recs.size(), "contact", i));
        }
        all = Collections.unmodifiableList(recs);
        all.forEach(r -> byId.put(r.id, r));
    }

    /** The one side the driver edits this field of this record on, for the whole run. */
    static Side side(Rec r, Field f) {
        return (r.index + EDITED.indexOf(f)) % 2 == 0 ? Side.MARKETO : Side.DYNAMICS;
    }

    /** A value no earlier round wrote: tag, round, side and record (at most 20 characters; Dynamics allows 50). */
    static String value(Field f, int round, Side side, Rec r) {
        String s = side == Side.MARKETO ? "M" : "D";
        return f.tag().equals("P") ? "555-" + round + "-" + r.index : f.tag() + round + s + "-" + r.index;
    }

    /** Empty, null and missing are the same value to LeadSync (R7). */
    static String norm(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.isEmpty() ? null : s;
    }

    void expect(Rec r, Field f, String value) {
        expected.put(r.key(f), value);
    }

    void edited(Rec r, Field f, String value) {
        expected.put(r.key(f), value);
        edits.merge(r.key(f), 1, Integer::sum);
    }

    String expected(Rec r, Field f) {
        return expected.get(r.key(f));
    }
}
