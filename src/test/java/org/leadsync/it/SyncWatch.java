package org.leadsync.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits on events the tests can observe, never on the clock. The background cycle (R3: nothing forces one) is
 * watched through GET /api/sync/status: its `lastCycle` is the latest finished cycle, and a cycle is named by its
 * `startedAt` (one lease holder at a time, so the cycles are a sequence and a later cycle has a later start). The
 * status has no cycle number, so "a cycle after N" is "a finished cycle whose startedAt is after N's".
 *
 * <p>The usual wait is: make the change, {@link #mark()} the status, then {@link #cycleAfter(Mark)}: the first
 * finished cycle that began after the mark was read, i.e. after the change. Rows and answers are awaited the same
 * way ({@link #await}). Every wait is bounded by {@link #PATIENCE}, a failure guard only: the condition is always
 * the event, and a wait that runs out fails with what it last saw.
 */
public final class SyncWatch {

    /** How long a wait may take before the test fails; generous, so a busy machine is slow but not red. */
    public static final Duration PATIENCE = Duration.ofMinutes(3);

    /** How often a condition is looked at again. */
    public static final Duration POLL = Duration.ofMillis(200);

    private final Http http;

    public SyncWatch(Http http) {
        this.http = http;
    }

    public JsonObject status() {
        return http.getJson("api/sync/status");
    }

    /**
     * What the status showed when read: the latest finished cycle (null before the first) and whether a cycle held
     * the lease. Read after a change, it names the cycles that may have missed the change: the last finished one,
     * and the running one, if any.
     */
    public record Mark(JsonObject lastCycle, boolean cycleRunning) {

        /** When the last finished cycle ended, or null: every cycle after the mark started at or after it. */
        public Instant lastFinishedAt() {
            return lastCycle == null ? null : Instant.parse(lastCycle.getString("finishedAt"));
        }
    }

    public Mark mark() {
        JsonObject status = status();
        return new Mark(status.isNull("lastCycle") ? null : status.getJsonObject("lastCycle"), status.getBoolean("cycleRunning"));
    }

    /**
     * The first finished cycle that started after the mark was read. The status reads the lease before the cycle
     * history, and a cycle is recorded only while it holds the lease: with no cycle running at the mark, the next
     * cycle to finish after the mark's last one started after the mark; with one running, it may have started
     * before, so the wait is for the cycle after that one.
     */
    public JsonObject cycleAfter(Mark mark) {
        JsonObject next = finishedAfter(mark.lastCycle());
        return mark.cycleRunning() ? finishedAfter(next) : next;
    }

    /** The next cycle after a named one (which started after it ended). */
    public JsonObject cycleAfter(JsonObject cycle) {
        return finishedAfter(cycle);
    }

    /** A whole cycle that started after this call: the usual wait after a change. */
    public JsonObject nextCycle() {
        return cycleAfter(mark());
    }

    /** Resumes a paused sync and waits for the first cycle after it, which sees everything changed while paused. */
    public JsonObject resumeAndAwaitCycle() {
        Mark paused = mark();
        resume();
        return cycleAfter(paused);
    }

    /** Pauses the sync and waits until no cycle holds the lease (a running one stops at its next page). */
    public void pause() {
        http.post("api/sync/pause").close();
        awaitStatus("the sync to be paused with no cycle running", s -> "paused".equals(s.getString("state")) && !s.getBoolean("cycleRunning"));
    }

    public void resume() {
        http.post("api/sync/resume").close();
    }

    /** The first status that satisfies `condition`. */
    public JsonObject awaitStatus(String what, Predicate<JsonObject> condition) {
        return awaitValue(what, this::status, condition);
    }

    private JsonObject finishedAfter(JsonObject previous) {
        Instant after = previous == null ? null : Instant.parse(previous.getString("startedAt"));
        JsonObject status = awaitStatus(previous == null ? "a first finished cycle" : "a cycle after the one started at " + after, s -> {
            if (s.isNull("lastCycle")) {
                return false;
            }
            JsonObject last = s.getJsonObject("lastCycle");
            // a cycle that lost its lease rolled its page back and the next one redoes it (docs/sync-rules.md R4):
            // a change is synced by the next cycle that kept its lease, so that is the one to wait for
            return (after == null || Instant.parse(last.getString("startedAt")).isAfter(after))
                    && !"lost-lease".equals(last.getString("outcome", ""));
        });
        return status.getJsonObject("lastCycle");
    }

    /** Reads `value` until it satisfies `condition` and answers that value. */
    public static <T> T awaitValue(String what, Supplier<T> value, Predicate<T> condition) {
        Object[] seen = new Object[1];
        await(what, () -> {
            @SuppressWarnings("unchecked")
            T current = (T) (seen[0] = value.get());
            return condition.test(current);
        }, () -> String.valueOf(seen[0]));
        @SuppressWarnings("unchecked")
        T found = (T) seen[0];
        return found;
    }

    public static void await(String what, Supplier<Boolean> condition, Supplier<String> lastSeen) {
        await(what, condition, lastSeen, POLL);
    }

    /** Polls `condition` every `interval` until it holds; fails after {@link #PATIENCE} with what was last seen. */
    public static void await(String what, Supplier<Boolean> condition, Supplier<String> lastSeen, Duration interval) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Waited " + PATIENCE.toMinutes() + " min for " + what + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what);
            }
        }
    }
}
