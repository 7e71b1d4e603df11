package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Expire every token now" on the Entra ID emulator (docs/sandbox.md, Control): bearers stop working, new ones do. */
class SandboxTokensExpiryTest {

    private final SandboxTokens tokens = new SandboxTokens();

    SandboxTokensExpiryTest() {
        tokens.clientId = "sandbox-client";
        tokens.clientSecret = "sandbox-secret";
        tokens.ttl = Duration.ofHours(1);
    }

    private String issue() {
        return tokens.issue("client_credentials", "sandbox-client", "sandbox-secret", null, null).orElseThrow();
    }

    @Test
    void everyIssuedBearerIsRefusedAfterExpiryAndANewOneWorks() {
        String app = issue();
        String user = tokens.issue("password", "sandbox-client", null, "driver", "pw").orElseThrow();
        assertEquals(Optional.of("app:sandbox-client"), tokens.user("Bearer " + app));
        assertEquals(Optional.of("user:driver"), tokens.user("Bearer " + user));

        assertEquals(2, tokens.expireIssuedTokens());
        assertEquals("dynamics", tokens.name());
        assertTrue(tokens.user("Bearer " + app).isEmpty(), "the Web API answers 401 for it");
        assertTrue(tokens.user("Bearer " + user).isEmpty());
        assertEquals(0, tokens.expireIssuedTokens(), "nothing valid is left");

        String fresh = issue();
        assertEquals(Optional.of("app:sandbox-client"), tokens.user("Bearer " + fresh));
        assertTrue(tokens.user("Bearer " + app).isEmpty(), "the old bearer stays refused");
    }
}
