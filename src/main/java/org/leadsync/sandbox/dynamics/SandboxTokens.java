package org.leadsync.sandbox.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.sandbox.TokenIssuer;

/**
 * The emulated Entra ID token endpoint's memory: which bearer tokens were issued, to whom, until when.
 * Accepts exactly the client LeadSync is configured with (docs/sandbox.md).
 */
@ApplicationScoped
public class SandboxTokens implements TokenIssuer {

    record Issued(String user, Instant expires) {
    }

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.client-id", defaultValue = "sandbox-client")
    String clientId;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.client-secret", defaultValue = "sandbox-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.dynamics.token-ttl", defaultValue = "PT1H")
    Duration ttl;

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    /** @return the token for a valid grant, empty when the client or grant is refused */
    Optional<String> issue(String grantType, String id, String secret, String username, String password) {
        if (!clientId.equals(id)) {
            return Optional.empty();
        }
        String user;
        if ("client_credentials".equals(grantType) && clientSecret.equals(secret)) {
            user = "app:" + id;
        } else if ("password".equals(grantType) && username != null && !username.isBlank()
                && password != null && !password.isBlank() && (secret == null || secret.isBlank() || clientSecret.equals(secret))) {
            user = "user:" + username;
        } else {
            return Optional.empty();
        }
        String token = "sbx." + UUID.randomUUID();
        issued.put(token, new Issued(user, Instant.now().plus(ttl)));
        return Optional.of(token);
    }

    /** Makes every issued token expired, as an hour passing would (tests of refresh-and-replay). */
    public void expireAll() {
        expireIssuedTokens();
    }

    @Override
    public String name() {
        return "dynamics";
    }

    /** POST /sandbox/admin/tokens/expire: every bearer issued so far answers 401 from now on. */
    @Override
    public int expireIssuedTokens() {
        Instant now = Instant.now();
        int valid = 0;
        for (Map.Entry<String, Issued> token : issued.entrySet()) {
            if (now.isBefore(token.getValue().expires())) {
                valid++;
            }
            token.setValue(new Issued(token.getValue().user(), Instant.EPOCH));
        }
        return valid;
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    /** The user a bearer header belongs to, if the token is known and not expired. */
    Optional<String> user(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Issued token = issued.get(authorization.substring(7).trim());
        if (token == null) {
            return Optional.empty();
        }
        if (Instant.now().isAfter(token.expires())) {
            issued.remove(authorization.substring(7).trim());
            return Optional.empty();
        }
        return Optional.of(token.user());
    }
}
