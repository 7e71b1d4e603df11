package org.leadsync.sandbox.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.leadsync.sandbox.Fault;

/** "Expire every token now" and "delay the next N calls" on the Marketo emulator (docs/sandbox.md, Control). */
class MarketoTokenExpiryAndDelayTest {

    private final MarketoCalls m = new MarketoCalls();

    private JsonObject describe(String bearer) {
        return MarketoCalls.body(m.rest.describe(bearer, null));
    }

    @Test
    void expiredTokensAnswer602AndTheIdentityEndpointHandsOutANewOne() {
        assertTrue(describe(m.bearer).getBoolean("success"));
        assertEquals(1, m.sandbox.expireIssuedTokens(), "one valid token was issued");
        JsonObject refused = describe(m.bearer);
        assertEquals("602", refused.getJsonArray("errors").getJsonObject(0).getString("code"));
        assertEquals(0, m.sandbox.expireIssuedTokens(), "nothing valid is left to expire");

        MarketoIdentityResource identity = new MarketoIdentityResource();
        identity.sandbox = m.sandbox;
        Response answer = identity.token("client_credentials", "sandbox-client", "sandbox-secret");
        JsonObject token = (JsonObject) answer.getEntity();
        String fresh = token.getString("access_token");
        assertNotEquals(m.bearer.substring(7), fresh, "a new token, not the expired one");
        assertEquals(3600, token.getJsonNumber("expires_in").longValue());
        assertTrue(describe("Bearer " + fresh).getBoolean("success"));
        assertEquals("602", describe(m.bearer).getJsonArray("errors").getJsonObject(0).getString("code"),
                "the old token stays expired");
    }

    @Test
    void aDelayOnlyFaultDelaysTheNextCountCallsAndServesThemNormally() {
        m.sandbox.faults.arm(new Fault("marketo", null, null, 150L, 2));
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            assertTrue(describe(m.bearer).getBoolean("success"));
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 150, "call " + i + " delayed");
        }
        assertTrue(m.sandbox.faults.armed().isEmpty(), "used up");
        long start = System.nanoTime();
        assertTrue(describe(m.bearer).getBoolean("success"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 150, "the third call is not delayed");
    }
}
