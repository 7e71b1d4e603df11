package org.leadsync.sandbox.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Refuse the next paging token" (docs/sandbox.md, Control): which calls it hits, what they answer, what it leaves alone. */
class MarketoPagingTokenRefusalTest {

    private final MarketoCalls m = new MarketoCalls();

    private String startToken() {
        return MarketoCalls.body(m.rest.pagingToken(m.bearer, null, "2000-01-01T00:00:00Z")).getString("nextPageToken");
    }

    private JsonObject changes(String token) {
        return MarketoCalls.body(m.rest.leadChanges(m.bearer, null, token, "firstName", 300));
    }

    private static String code(JsonObject answer) {
        return answer.getJsonArray("errors").getJsonObject(0).getString("code");
    }

    @Test
    void theNextActivityReadWithATokenIsRefusedOnceThenTheSameTokenReadsAgain() {
        m.sandbox.store().sync("createOrUpdate", "email", List.of(Map.of("email", "a@x.com", "firstName", "Ann")));
        String token = startToken();
        m.sandbox.refuseNextPagingTokens(1, null);
        assertEquals(1, m.sandbox.pagingTokenRefusalsLeft());

        JsonObject refused = changes(token);
        assertFalse(refused.getBoolean("success"));
        assertEquals("1003", code(refused), "Marketo's invalid-data code by default");
        assertTrue(refused.getJsonArray("errors").getJsonObject(0).getString("message").contains("nextPageToken"));
        assertFalse(refused.containsKey("result"));
        assertEquals(0, m.sandbox.pagingTokenRefusalsLeft());
        assertEquals(1L, m.sandbox.stats().get("pagingTokensRefused"));

        JsonObject again = changes(token);
        assertTrue(again.getBoolean("success"), "only the next call is refused: " + again);
        assertEquals(1, again.getJsonArray("result").size());
    }

    @Test
    void countAndCodeApplyToEveryActivityEndpointWithAToken() {
        String token = startToken();
        m.sandbox.refuseNextPagingTokens(3, "611");
        assertEquals("611", code(changes(token)));
        assertEquals("611", code(MarketoCalls.body(m.rest.deletedLeads(m.bearer, null, token, 300))));
        assertEquals("611", code(MarketoCalls.body(m.rest.activities(m.bearer, null, "12,13", token, null, 300))));
        assertTrue(changes(token).getBoolean("success"));
        assertEquals(3L, m.sandbox.stats().get("pagingTokensRefused"));
    }

    @Test
    void callsWithoutAPagingTokenDoNotConsumeTheRefusal() {
        m.sandbox.refuseNextPagingTokens(1, null);
        // a new token is still handed out, and lead queries (which page with their own tokens) are untouched
        String token = startToken();
        assertTrue(MarketoCalls.body(m.rest.leads(m.bearer, null, "email", "nobody@x.com", null, null, null)).getBoolean("success"));
        // a read without a token is refused for what it is (1003, token required), not by the armed refusal
        JsonObject missing = changes(null);
        assertEquals("1003", code(missing));
        assertEquals(1, m.sandbox.pagingTokenRefusalsLeft());
        assertEquals("1003", code(changes(token)));
        assertEquals(0, m.sandbox.pagingTokenRefusalsLeft());
    }

    @Test
    void armingAgainReplacesWhatIsLeftAndResetDisarms() {
        m.sandbox.refuseNextPagingTokens(5, null);
        m.sandbox.refuseNextPagingTokens(2, "1003");
        assertEquals(2, m.sandbox.pagingTokenRefusalsLeft());
        m.sandbox.reset();
        assertEquals(0, m.sandbox.pagingTokenRefusalsLeft());
        assertEquals(0L, m.sandbox.stats().get("pagingTokensRefused"));
        assertTrue(changes(startToken()).getBoolean("success"));
        assertThrows(IllegalArgumentException.class, () -> m.sandbox.refuseNextPagingTokens(0, null));
    }
}
