package org.leadsync.sandbox;

/**
 * An emulated vendor's token endpoint (Marketo's identity service, Entra ID for Dynamics). The admin
 * resource drives every one through this, so `POST /sandbox/admin/tokens/expire` does not need to know
 * either emulator (docs/sandbox.md, Control).
 */
public interface TokenIssuer {

    /** `marketo` or `dynamics`, as the admin JSON names them. */
    String name();

    /**
     * Makes every access token issued so far expire now, as its lifetime running out would: the next call
     * with one is refused the vendor's way (Marketo 602, Dataverse 401) and a new one must be asked for.
     *
     * @return how many tokens were still valid and are expired now
     */
    int expireIssuedTokens();
}
