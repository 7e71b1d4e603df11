package org.leadsync.api;

import java.security.MessageDigest;
import java.util.Optional;

/** The `X-Api-Key` the Marketo webhook must send (docs/api.md, Security); plain Java so each branch is unit-tested. */
public final class WebhookKey {

    public enum Verdict { ACCEPTED, DISABLED, REFUSED }

    private final byte[] expectedDigest;

    public WebhookKey(Optional<String> configured) {
        this.expectedDigest = configured.filter(key -> !key.isBlank()).map(Account::digest).orElse(null);
    }

    /** Constant time: both sides are digested to the same length before a comparison that does not stop early. */
    public Verdict check(String presented) {
        if (expectedDigest == null) {
            return Verdict.DISABLED;
        }
        byte[] given = Account.digest(presented == null ? "" : presented);
        return MessageDigest.isEqual(expectedDigest, given) && presented != null ? Verdict.ACCEPTED : Verdict.REFUSED;
    }
}
