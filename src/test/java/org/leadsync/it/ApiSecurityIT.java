package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/api.md, Security: HTTP Basic with an admin and a viewer on /api, an API key on the webhook, JSON errors throughout. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiSecurityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    URL base;

    @Test
    void withoutCredentialsTheApiAnswers401WithAChallengeAndTheErrorBody() {
        try (Http http = Http.anonymous(base); Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void wrongPasswordIs401() {
        try (Http http = Http.basic(base, "admin", "not-the-password"); Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void unknownUserIs401() {
        try (Http http = Http.basic(base, "mallory", Http.setting("leadsync.admin.password", null));
             Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void unknownPathsAreNotProbedWithoutCredentials() {
        try (Http http = Http.anonymous(base); Response r = http.get("api/no-such-thing")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void malformedAuthorizationHeaderIs401() {
        try (Http http = Http.anonymous(base);
             Response r = http.target("api/sync/status").request().header("Authorization", "Basic %%%not-base64").get()) {
            assertUnauthorized(r);
        }
    }

    @Test
    void viewerMayReadTheStatus() {
        try (Http http = Http.viewer(base)) {
            JsonObject status = http.getJson("api/sync/status");
            assertTrue(status.containsKey("state"), status.toString());
        }
    }

    @Test
    void viewerMayNotPauseAndNothingChanges() {
        try (Http viewer = Http.viewer(base); Http admin = new Http(base); Response r = viewer.post("api/sync/pause")) {
            assertEquals(403, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("forbidden", error.getString("error"));
            assertFalse(admin.getJson("api/sync/status").getBoolean("paused"));
        }
    }

    @Test
    void viewerMayNotResume() {
        try (Http viewer = Http.viewer(base); Response r = viewer.post("api/sync/resume")) {
            assertEquals(403, r.getStatus());
            assertEquals("forbidden", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    @Test
    void adminPausesAndResumes() {
        try (Http admin = new Http(base)) {
            try (Response r = admin.post("api/sync/pause")) {
                assertEquals(200, r.getStatus());
                JsonObject status = r.readEntity(JsonObject.class);
                assertTrue(status.getBoolean("paused"), status.toString());
                assertEquals("paused", status.getString("state"));
            }
            JsonObject whilePaused = admin.getJson("api/sync/status");
            assertEquals("paused", whilePaused.getString("state"));
            try (Response r = admin.postJson("api/sync/resume", "{}")) {
                assertEquals(200, r.getStatus());
                JsonObject status = r.readEntity(JsonObject.class);
                assertFalse(status.getBoolean("paused"), status.toString());
                assertEquals("idle", status.getString("state"));
            }
            assertFalse(admin.getJson("api/sync/status").getBoolean("paused"));
        }
    }

    @Test
    void webhookWithoutKeyIs401() {
        try (Http http = Http.anonymous(base);
             Response r = http.postJson("api/flow-actions/sync-person-to-microsoft", "{\"leadId\":1}")) {
            assertEquals(401, r.getStatus());
            assertEquals("unauthorized", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    @Test
    void webhookWithWrongKeyIs401() {
        try (Http http = Http.webhook(base, "wrong-key");
             Response r = http.postJson("api/flow-actions/sync-person-to-microsoft", "{\"leadId\":1}")) {
            assertEquals(401, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("unauthorized", error.getString("error"));
            assertFalse(error.toString().contains(Http.setting("leadsync.webhook.api-key", "?")), "never echo the key");
        }
    }

    @Test
    void webhookDoesNotTakeAdminBasicCredentials() {
        try (Http admin = new Http(base);
             Response r = admin.postJson("api/flow-actions/sync-person-to-microsoft", "{\"leadId\":1}")) {
            assertEquals(401, r.getStatus());
        }
    }

    @Test
    void webhookKeyDoesNotOpenTheRestOfTheApi() {
        try (Http http = Http.webhook(base, Http.setting("leadsync.webhook.api-key", null));
             Response r = http.get("api/sync/status")) {
            assertUnauthorized(r);
        }
    }

    @Test
    void rightWebhookKeyPassesTheGate() {
        // the flow-action resource comes later: past the gate, an unknown path is 404, not 401
        try (Http http = Http.webhook(base, Http.setting("leadsync.webhook.api-key", null));
             Response r = http.postJson("api/flow-actions/no-such-action", "{}")) {
            assertEquals(404, r.getStatus());
            assertEquals("not-found", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    @Test
    void healthOpenApiAndSandboxStayOpen() {
        try (Http http = Http.anonymous(base)) {
            for (String open : new String[] {"/health/ready", "/health/live", "/openapi", "sandbox/admin/stats"}) {
                try (Response r = http.target(open).request().get()) {
                    assertEquals(200, r.getStatus(), open);
                }
            }
        }
    }

    @Test
    void openApiDescribesTheNewEndpointsAndBasicAuth() {
        try (Http http = Http.anonymous(base); Response r = http.target("/openapi").request().get()) {
            String body = r.readEntity(String.class);
            assertEquals(200, r.getStatus());
            assertTrue(body.contains("/persons/{leadId}/activities"), body);
            assertTrue(body.contains("/sync/errors"), body);
            assertTrue(body.contains("scheme: basic"), body);
            assertTrue(body.contains("lastname is required by Dynamics"), "examples are published");
        }
    }

    @Test
    void wrongMethodIs405WithTheErrorBody() {
        try (Http http = new Http(base); Response r = http.target("api/sync/status").request().delete()) {
            assertEquals(405, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("method-not-allowed", error.getString("error"));
            assertNotNull(r.getHeaderString("Allow"));
        }
    }

    @Test
    void wrongContentTypeIs415WithTheErrorBody() {
        try (Http http = new Http(base);
             Response r = http.target("api/sync/pause").request().post(Entity.entity("pause", MediaType.TEXT_PLAIN))) {
            assertEquals(415, r.getStatus());
            assertEquals("unsupported-media-type", r.readEntity(JsonObject.class).getString("error"));
        }
    }

    private static void assertUnauthorized(Response r) {
        assertEquals(401, r.getStatus());
        assertEquals("Basic realm=\"LeadSync\"", r.getHeaderString("WWW-Authenticate"));
        assertTrue(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE), String.valueOf(r.getMediaType()));
        String body = r.readEntity(String.class);
        assertTrue(body.contains("\"error\":\"unauthorized\""), body);
        assertTrue(body.contains("\"message\""), body);
        assertFalse(body.contains(Http.setting("leadsync.admin.password", "?")), body);
    }
}
