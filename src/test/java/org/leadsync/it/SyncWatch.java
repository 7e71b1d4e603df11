package org.leadsync.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waits on the background cycle (R3: nothing forces one) by polling GET /api/sync/status: "a cycle that started
 * after my change has finished". Every wait is bounded and fails with what it last saw.
 */
public final class SyncWatch {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Http http;

    public SyncWatch(Http http) {
        this.http = http;
    }

    public JsonObject status() {
        return http.getJson("api/sync/status");
    }

    /** The last cycle of a status that started after `mark` and has finished. */
    public JsonObject cycleAfter(Instant mark) {
        JsonObject[] seen = new JsonObject[1];
        await("a cycle that starts after " + mark + " and finishes", () -> {
            seen[0] = status();
            if (seen[0].isNull("lastCycle")) {
                return false;
            }
            JsonObject last = seen[0].getJsonObject("lastCycle");
            return Instant.parse(last.getString("startedAt")).isAfter(mark) && !last.isNull("finishedAt");
        }, () -> String.valueOf(seen[0]));
        return seen[0].getJsonObject("lastCycle");
    }

    /** Waits for a whole cycle that started after now. */
    public JsonObject nextCycle() {
        return cycleAfter(Instant.now());
    }

    /** Pauses the sync and waits until no cycle holds the lease (a running one stops at its next page). */
    public void pause() {
        http.post("api/sync/pause").close();
        await("the sync to be paused with no cycle running", () -> {
            JsonObject s = status();
            return "paused".equals(s.getString("state")) && !s.getBoolean("cycleRunning");
        }, () -> status().toString());
    }

    public void resume() {
        http.post("api/sync/resume").close();
    }

    public static void await(String what, Supplier<Boolean> condition, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            if (condition.get()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + PATIENCE.toSeconds() + " s for " + what + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what);
            }
        }
    }
}
