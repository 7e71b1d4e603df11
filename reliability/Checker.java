import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares both systems with what the driver wrote. Reads every Dynamics lead and contact (Web API, pages of
 * 5,000), every Marketo person (`leads.json` by id, 300 a call, ids 1..n as the sandbox numbers them after a
 * reset) and LeadSync's links and activity log (JDBC):
 *
 * - lost: per active link and mapped field (the default set, email included), a field where Marketo and
 *   Dynamics differ or either differs from the driver's last write (or, never edited, from the value both
 *   held after the initial sync);
 * - duplicates: persons beyond the first per msftId and per email;
 * - unlinked: a seeded record with no person carrying its id in msftId, or with no active link;
 * - collisions and sync failures: activity entries since the scenario began, read from `activity_entry` for
 *   all persons at once, and cross-checked through LeadSync's API (`GET /api/persons/{id}/activities`) for
 *   the persons the driver edited most and those with a collision.
 */
final class Checker {

    static final class Result {
        int records;
        int persons;
        int pairs;
        int fieldsChecked;
        int lost;
        final List<String> lostExamples = new ArrayList<>();
        int duplicatesByMsftId;
        int duplicatesByEmail;
        int duplicatePersons;
        int withoutPerson;
        int withoutActiveLink;
        int unlinked;
        int mislinked;
        List<Db.Entry> collisions = List.of();
        List<Db.Entry> failures = List.of();
        Map<String, Object> apiCrossCheck;

        boolean clean() {
            return lost == 0 && duplicatePersons == 0 && unlinked == 0 && mislinked == 0;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("records", records);
            m.put("persons", persons);
            m.put("pairsChecked", pairs);
            m.put("fieldsChecked", fieldsChecked);
            m.put("lostFieldValues", lost);
            m.put("lostExamples", lostExamples);
            m.put("duplicatesByMsftId", duplicatesByMsftId);
            m.put("duplicatesByEmail", duplicatesByEmail);
            m.put("recordsWithoutPerson", withoutPerson);
            m.put("recordsWithoutActiveLink", withoutActiveLink);
            m.put("mislinked", mislinked);
            m.put("syncFailures", failures.size());
            m.put("syncFailureExamples", failures.stream().limit(5).map(Db.Entry::json).toList());
            m.put("collisionExamples", collisions.stream().limit(5).map(Db.Entry::json).toList());
            m.put("apiCrossCheck", apiCrossCheck);
            return m;
        }
    }

    final Records records;
    final Kit.Marketo marketo;
    final Kit.Dynamics dynamics;
    final Kit.Http sandbox;
    final Db db;
    /** LeadSync's API (a live instance) for the cross-check; none when null. */
    volatile Kit.Http api;

    Checker(Records records, Kit.Marketo marketo, Kit.Dynamics dynamics, Kit.Http sandbox, Db db) {
        this.records = records;
        this.marketo = marketo;
        this.dynamics = dynamics;
        this.sandbox = sandbox;
        this.db = db;
    }

    /** Every Dynamics row of the seeded tables by (lower-case) id. */
    Map<String, Map<String, Object>> dynamicsRows() throws Exception {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (Map<String, Object> row : dynamics.readAll("leads",
                "leadid,firstname,lastname,jobtitle,telephone1,companyname,emailaddress1", 5000)) {
            rows.put(((String) row.get("leadid")).toLowerCase(), row);
        }
        for (Map<String, Object> row : dynamics.readAll("contacts",
                "contactid,firstname,lastname,jobtitle,telephone1,emailaddress1", 5000)) {
            rows.put(((String) row.get("contactid")).toLowerCase(), row);
        }
        return rows;
    }

    /** Every Marketo person, by id. */
    @SuppressWarnings("unchecked")
    Map<Long, Map<String, Object>> persons() throws Exception {
        Map<String, Object> stats = sandbox.get("/sandbox/admin/stats", null);
        long count = ((Number) ((Map<String, Object>) stats.get("marketo")).get("persons")).longValue();
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (long from = 1; from <= count; from += 300) {
            List<String> ids = new ArrayList<>();
            for (long id = from; id < from + 300 && id <= count; id++) {
                ids.add(String.valueOf(id));
            }
            for (Map<String, Object> p : marketo.find("id", ids, Records.MARKETO_FIELDS)) {
                out.put(((Number) p.get("id")).longValue(), p);
            }
        }
        return out;
    }

    /** Sets each record's person id from Marketo's msftId (the lowest id where several carry it). */
    int discoverPersons() throws Exception {
        Map<String, Long> byMsftId = new HashMap<>();
        persons().forEach((id, p) -> {
            String msft = Records.norm(p.get("msftId"));
            if (msft != null) {
                byMsftId.merge(msft.toLowerCase(), id, Math::min);
            }
        });
        int found = 0;
        for (Records.Rec r : records.all) {
            Long id = byMsftId.get(r.id);
            if (id != null) {
                r.personId = id;
                found++;
            }
        }
        return found;
    }

    /** Takes the current Dynamics values as the expected ones (after the initial sync, before any edit). */
    void baseline() throws Exception {
        Map<String, Map<String, Object>> rows = dynamicsRows();
        for (Records.Rec r : records.all) {
            Map<String, Object> row = rows.get(r.id);
            if (row == null) {
                throw new IllegalStateException("seeded " + r.entity + " " + r.id + " is missing in Dynamics");
            }
            for (Records.Field f : r.checked) {
                records.expect(r, f, Records.norm(row.get(f.dynamics())));
            }
        }
    }

    Result check(Instant since) throws Exception {
        Result res = new Result();
        Map<String, Map<String, Object>> rows = dynamicsRows();
        Map<Long, Map<String, Object>> persons = persons();
        Map<String, Db.Link> links = new HashMap<>();
        for (Db.Link l : db.links()) {
            links.put(l.dynamicsId(), l);
        }
        res.records = records.all.size();
        res.persons = persons.size();

        // duplicates: persons beyond the first per msftId and per email
        Map<String, List<Long>> byMsft = new HashMap<>();
        Map<String, List<Long>> byEmail = new HashMap<>();
        persons.forEach((id, p) -> {
            String msft = Records.norm(p.get("msftId"));
            if (msft != null) {
                byMsft.computeIfAbsent(msft.toLowerCase(), k -> new ArrayList<>()).add(id);
            }
            String email = Records.norm(p.get("email"));
            if (email != null) {
                byEmail.computeIfAbsent(email.toLowerCase(), k -> new ArrayList<>()).add(id);
            }
        });
        Set<Long> extra = new HashSet<>();
        for (List<Long> ids : byMsft.values()) {
            if (ids.size() > 1) {
                res.duplicatesByMsftId += ids.size() - 1;
                ids.stream().sorted().skip(1).forEach(extra::add);
            }
        }
        for (List<Long> ids : byEmail.values()) {
            if (ids.size() > 1) {
                res.duplicatesByEmail += ids.size() - 1;
                ids.stream().sorted().skip(1).forEach(extra::add);
            }
        }
        res.duplicatePersons = extra.size();

        // links and values
        for (Records.Rec r : records.all) {
            boolean hasPerson = byMsft.containsKey(r.id);
            Db.Link link = links.get(r.id);
            boolean active = link != null && link.state().equals("active");
            if (!hasPerson) {
                res.withoutPerson++;
            }
            if (!active) {
                res.withoutActiveLink++;
            }
            if (!hasPerson || !active) {
                res.unlinked++;
                continue;
            }
            if (r.personId > 0 && link.personId() != r.personId) {
                res.mislinked++;
                example(res, r, null, "linked to person " + link.personId() + ", driver edits person " + r.personId);
            }
            Map<String, Object> person = persons.get(link.personId());
            Map<String, Object> row = rows.get(r.id);
            res.pairs++;
            for (Records.Field f : r.checked) {
                res.fieldsChecked++;
                String want = records.expected(r, f);
                String m = person == null ? "<no person " + link.personId() + ">" : Records.norm(person.get(f.marketo()));
                String d = row == null ? "<no row>" : Records.norm(row.get(f.dynamics()));
                if (!java.util.Objects.equals(m, want) || !java.util.Objects.equals(d, want)) {
                    res.lost++;
                    example(res, r, f, "expected " + q(want) + " (" + records.edits.getOrDefault(r.key(f), 0)
                            + " edits, side " + Records.side(r, f) + "), Marketo " + q(m) + ", Dynamics " + q(d));
                }
            }
        }
        res.collisions = db.entries("collision", since);
        res.failures = db.entries("sync-failed", since);
        if (api != null) {
            res.apiCrossCheck = crossCheck(res.collisions, since);
        }
        return res;
    }

    /** Collisions per person through the activity-log API, against the table, for up to 40 persons. */
    @SuppressWarnings("unchecked")
    Map<String, Object> crossCheck(List<Db.Entry> collisions, Instant since) throws Exception {
        Map<Long, Integer> editsByPerson = new HashMap<>();
        for (Records.Rec r : records.all) {
            if (r.personId > 0) {
                int n = 0;
                for (Records.Field f : r.edited) {
                    n += records.edits.getOrDefault(r.key(f), 0);
                }
                editsByPerson.put(r.personId, n);
            }
        }
        Set<Long> sample = new java.util.LinkedHashSet<>();
        collisions.stream().map(Db.Entry::personId).filter(java.util.Objects::nonNull).limit(20).forEach(sample::add);
        editsByPerson.entrySet().stream().sorted(Map.Entry.<Long, Integer>comparingByValue().reversed())
                .limit(40 - sample.size()).forEach(e -> sample.add(e.getKey()));
        int viaApi = 0;
        int entries = 0;
        for (long person : sample) {
            String before = null;
            boolean more = true;
            while (more) {
                Map<String, Object> page = api.get("/api/persons/" + person + "/activities?limit=200"
                        + (before == null ? "" : "&before=" + before), "admin");
                List<Map<String, Object>> list = (List<Map<String, Object>>) page.get("activities");
                more = list.size() == 200;
                for (Map<String, Object> a : list) {
                    if (Instant.parse((String) a.get("at")).isBefore(since)) {
                        more = false;
                        continue;
                    }
                    entries++;
                    if ("collision".equals(a.get("type"))) {
                        viaApi++;
                    }
                }
                if (!list.isEmpty()) {
                    before = String.valueOf(list.get(list.size() - 1).get("id"));
                }
            }
        }
        long inTable = collisions.stream().filter(c -> c.personId() != null && sample.contains(c.personId())).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("persons", sample.size());
        out.put("entriesRead", entries);
        out.put("collisionsViaApi", viaApi);
        out.put("collisionsInTable", inTable);
        out.put("agree", viaApi == inTable);
        return out;
    }

    private static void example(Result res, Records.Rec r, Records.Field f, String what) {
        if (res.lostExamples.size() < 10) {
            res.lostExamples.add(r.entity + " " + r.id + " (person " + r.personId + ")" + (f == null ? "" : " " + f.marketo()) + ": " + what);
        }
    }

    private static String q(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
