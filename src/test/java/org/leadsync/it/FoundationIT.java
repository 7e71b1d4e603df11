package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR boots on Payara Micro, migrates its database and answers status, health and OpenAPI. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FoundationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    URL base;

    @Test
    void syncStatusAnswersWithTheShapeOfApiMd() {
        try (Http http = new Http(base)) {
            JsonObject status = http.getJson("api/sync/status");
            assertTrue(status.getString("state").matches("idle|running"), status.toString());
            // ISO-8601, as leadsync.sync.interval is written (this execution runs a one-second cycle)
            assertFalse(java.time.Duration.parse(status.getString("interval")).isNegative());
            assertFalse(status.getBoolean("paused"));
            JsonObject links = status.getJsonObject("links");
            assertEquals(0, links.getInt("active"));
            assertEquals(0, links.getInt("deletedInDynamics"));
            assertEquals(0, links.getInt("filteredOut"));
            assertTrue(status.getJsonObject("cursors").containsKey("dynamics.contacts"), status.toString());
            assertTrue(status.getJsonObject("apiCalls").getJsonObject("marketo").containsKey("last20s"));
            assertEquals(0, status.getInt("errorsLast24h"));
            assertTrue(status.containsKey("nextCycleAt"), "the timer is scheduled: " + status);
        }
    }

    @Test
    void theTimerRunsACycleUnderTheLeaseAndRecordsIt() throws InterruptedException {
        try (Http http = new Http(base)) {
            JsonObject status = http.getJson("api/sync/status");
            long deadline = System.currentTimeMillis() + 90_000;
            while (status.isNull("lastCycle") && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                status = http.getJson("api/sync/status");
            }
            assertFalse(status.isNull("lastCycle"), "a cycle ran after leadsync.sync.first-delay: " + status);
            JsonObject last = status.getJsonObject("lastCycle");
            assertEquals("finished", last.getString("outcome"), last.toString());
            assertTrue(status.getString("state").matches("idle|running"));
        }
    }

    @Test
    void readinessChecksTheMigratedDatabase() {
        try (Http http = new Http(base); Response r = http.get("/health/ready")) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus(), body);
            assertTrue(body.contains("\"UP\""), body);
            assertTrue(body.contains("\"database\""), body);
        }
    }

    @Test
    void openApiDescribesTheApi() {
        try (Http http = new Http(base); Response r = http.target("/openapi").request().get()) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus(), body);
            assertTrue(body.contains("/sync/status"), body);
        }
    }

    @Test
    void unknownApiPathsAnswerWithTheErrorBody() {
        try (Http http = new Http(base); Response r = http.get("api/no-such-thing")) {
            assertEquals(404, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("not-found", error.getString("error"));
            assertTrue(error.containsKey("message"));
        }
    }
}
