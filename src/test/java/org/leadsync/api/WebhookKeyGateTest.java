package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookKeyGateTest {

    @Test
    void noKeyConfiguredDisablesTheWebhookWhateverIsSent() {
        WebhookKey none = new WebhookKey(Optional.empty());
        assertEquals(WebhookKey.Verdict.DISABLED, none.check("anything"));
        assertEquals(WebhookKey.Verdict.DISABLED, none.check(null));
        assertEquals(WebhookKey.Verdict.DISABLED, new WebhookKey(Optional.of("  ")).check("  "));
    }

    @Test
    void disabledAnswers503WebhookDisabled() {
        Response r = WebhookKeyGate.refusal(new WebhookKey(Optional.empty()).check("k"));
        assertEquals(503, r.getStatus());
        assertEquals("webhook-disabled", ((ApiError) r.getEntity()).error());
    }

    @Test
    void wrongOrMissingKeyAnswers401() {
        WebhookKey key = new WebhookKey(Optional.of("right-key"));
        for (String wrong : new String[] {null, "", "right-ke", "right-key ", "RIGHT-KEY"}) {
            assertEquals(WebhookKey.Verdict.REFUSED, key.check(wrong), String.valueOf(wrong));
        }
        Response r = WebhookKeyGate.refusal(WebhookKey.Verdict.REFUSED);
        assertEquals(401, r.getStatus());
        assertEquals("unauthorized", ((ApiError) r.getEntity()).error());
        assertFalse(((ApiError) r.getEntity()).message().contains("right-key"));
    }

    @Test
    void rightKeyPasses() {
        assertEquals(WebhookKey.Verdict.ACCEPTED, new WebhookKey(Optional.of("right-key")).check("right-key"));
        assertNull(WebhookKeyGate.refusal(WebhookKey.Verdict.ACCEPTED));
    }

    @Test
    void guardsOnlyTheFlowActionPaths() {
        assertTrue(WebhookKeyGate.guards("flow-actions/sync-person-to-microsoft"));
        assertTrue(WebhookKeyGate.guards("/flow-actions/x"));
        assertTrue(WebhookKeyGate.guards("flow-actions"));
        assertFalse(WebhookKeyGate.guards("sync/pause"));
        assertFalse(WebhookKeyGate.guards("flow-actionsx/y"));
        assertFalse(WebhookKeyGate.guards("flow-actions/sync-person-to-microsoft/template"), "a template is for people: Basic");
        assertTrue(WebhookKeyGate.guards("flow-actions/sync-person-to-microsoft/template/x"));
        assertTrue(WebhookKeyGate.guards("flow-actions/sync-person-to-microsoft;template"));
        assertFalse(WebhookKeyGate.guards(null));
    }
}
