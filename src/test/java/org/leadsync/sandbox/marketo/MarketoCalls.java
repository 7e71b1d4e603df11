package org.leadsync.sandbox.marketo;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.leadsync.sandbox.FaultPlan;

/** The Marketo emulator's REST resource wired by hand (no CDI, no HTTP), with a valid access token. */
public final class MarketoCalls {

    public final MarketoSandbox sandbox = new MarketoSandbox();
    final MarketoRestResource rest = new MarketoRestResource();
    final MarketoBulkResource bulk = new MarketoBulkResource();
    /** The bulk jobs' work, run when a test says so (docs/sandbox.md, Bulk: jobs move on their own in the app). */
    final java.util.ArrayDeque<Runnable> bulkSteps = new java.util.ArrayDeque<>();
    final String bearer;

    public MarketoCalls() {
        sandbox.faults = new FaultPlan();
        sandbox.tokenTtl = Duration.ofHours(1);
        sandbox.callsPer20s = 0;
        sandbox.maxConcurrent = 0;
        sandbox.dailyQuota = 0;
        sandbox.clientId = "sandbox-client";
        sandbox.clientSecret = "sandbox-secret";
        sandbox.exportDailyMb = 500;
        sandbox.bulkExecutor = bulkSteps::addLast;
        sandbox.start();
        rest.sandbox = sandbox;
        bulk.sandbox = sandbox;
        bearer = "Bearer " + sandbox.issueToken("sandbox-client").token();
    }

    /** Runs the bulk jobs' pending work, and the work that starts in turn; answers how many steps ran. */
    int runBulkJobs() {
        int ran = 0;
        while (!bulkSteps.isEmpty()) {
            bulkSteps.pollFirst().run();
            ran++;
        }
        return ran;
    }

    /** Runs the oldest pending bulk step only. */
    void runOneBulkStep() {
        bulkSteps.pollFirst().run();
    }

    static JsonObject body(Response response) {
        return (JsonObject) response.getEntity();
    }
}
