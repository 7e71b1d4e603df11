package org.leadsync.sandbox.marketo;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.leadsync.sandbox.FaultPlan;

/** The Marketo emulator's REST resource wired by hand (no CDI, no HTTP), with a valid access token. */
public final class MarketoCalls {

    public final MarketoSandbox sandbox = new MarketoSandbox();
    final MarketoRestResource rest = new MarketoRestResource();
    final String bearer;

    public MarketoCalls() {
        sandbox.faults = new FaultPlan();
        sandbox.tokenTtl = Duration.ofHours(1);
        sandbox.callsPer20s = 0;
        sandbox.maxConcurrent = 0;
        sandbox.dailyQuota = 0;
        sandbox.clientId = "sandbox-client";
        sandbox.clientSecret = "sandbox-secret";
        sandbox.start();
        rest.sandbox = sandbox;
        bearer = "Bearer " + sandbox.issueToken("sandbox-client").token();
    }

    static JsonObject body(Response response) {
        return (JsonObject) response.getEntity();
    }
}
