import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Edits both systems through their own APIs, as users' tools do: Marketo persons with `leads.json`
 * updateOnly by id (one call per round), Dynamics records with `PATCH <set>(<id>)` and `If-Match: *`, signed
 * in with the password grant as a user of its own (Dataverse's service protection counts per user, so the
 * driver does not eat LeadSync's budget). A value is expected only once the vendor confirmed it (`updated`,
 * 204); transient refusals are retried by the Kit clients, and a retried write carries the same value.
 */
final class Driver {

    final Records records;
    final Kit.Marketo marketo;
    final Kit.Dynamics dynamics;
    final Random random;
    final int perRound;
    final AtomicLong marketoEdits = new AtomicLong();
    final AtomicLong dynamicsEdits = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    private volatile int round;
    private volatile boolean running;
    private volatile Exception failure;
    private Thread thread;

    Driver(Records records, Kit.Marketo marketo, Kit.Dynamics dynamics, long seed, int perRound) {
        this.records = records;
        this.marketo = marketo;
        this.dynamics = dynamics;
        this.random = new Random(seed);
        this.perRound = perRound;
    }

    int rounds() {
        return round;
    }

    /** One round: `perRound` distinct linked records, one field each, written on that field's side. */
    synchronized void round() throws Exception {
        int r = ++round;
        List<Records.Rec> linked = records.all.stream().filter(x -> x.personId > 0).toList();
        if (linked.isEmpty()) {
            throw new IllegalStateException("no record is linked to a person yet");
        }
        Set<Records.Rec> picked = new HashSet<>();
        int want = Math.min(perRound, linked.size());
        while (picked.size() < want) {
            picked.add(linked.get(random.nextInt(linked.size())));
        }
        List<Map<String, Object>> input = new ArrayList<>();
        List<Object[]> pending = new ArrayList<>();
        for (Records.Rec rec : picked) {
            Records.Field f = rec.edited.get(random.nextInt(rec.edited.size()));
            Records.Side side = Records.side(rec, f);
            String value = Records.value(f, r, side, rec);
            if (side == Records.Side.MARKETO) {
                Map<String, Object> person = new LinkedHashMap<>();
                person.put("id", rec.personId);
                person.put(f.marketo(), value);
                input.add(person);
                pending.add(new Object[] {rec, f, value});
            } else {
                dynamics.update(rec.set, rec.id, Kit.Json.write(Map.of(f.dynamics(), value)));
                records.edited(rec, f, value);
                dynamicsEdits.incrementAndGet();
            }
        }
        if (!input.isEmpty()) {
            List<Map<String, Object>> results = marketo.sync("updateOnly", "id", input);
            for (int i = 0; i < results.size(); i++) {
                Object[] p = pending.get(i);
                if ("updated".equals(results.get(i).get("status"))) {
                    records.edited((Records.Rec) p[0], (Records.Field) p[1], (String) p[2]);
                    marketoEdits.incrementAndGet();
                } else {
                    skipped.incrementAndGet();
                    Kit.log("driver", "Marketo skipped an edit of person " + ((Records.Rec) p[0]).personId + ": " + results.get(i));
                }
            }
        }
    }

    /** Rounds every `pauseMs` on a thread of its own until {@link #stop}. */
    void start(long pauseMs) {
        if (thread != null) {
            throw new IllegalStateException("driver already running");
        }
        running = true;
        failure = null;
        thread = new Thread(() -> {
            while (running) {
                try {
                    round();
                } catch (Exception e) {
                    failure = e;
                    running = false;
                    Kit.log("driver", "edit round failed: " + e);
                    return;
                }
                long until = System.currentTimeMillis() + pauseMs;
                while (running && System.currentTimeMillis() < until) {
                    Kit.sleep(20);
                }
            }
        }, "edit-driver");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the round in flight; fails if a round failed. */
    void stop() throws Exception {
        running = false;
        if (thread != null) {
            thread.join(600_000);
            thread = null;
        }
        if (failure != null) {
            throw new IllegalStateException("the edit driver failed", failure);
        }
    }

    void checkAlive() {
        if (failure != null) {
            throw new IllegalStateException("the edit driver failed", failure);
        }
    }
}
