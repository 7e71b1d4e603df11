package org.leadsync.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The admin and the optional viewer of /api (docs/api.md, Security), read from MicroProfile Config at start-up. */
@ApplicationScoped
public class ApiAccounts {

    private static final Logger LOG = Logger.getLogger(ApiAccounts.class.getName());

    @Inject
    @ConfigProperty(name = "leadsync.admin.user", defaultValue = "admin")
    String adminUser;

    @Inject
    @ConfigProperty(name = "leadsync.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "leadsync.viewer.user", defaultValue = "viewer")
    String viewerUser;

    @Inject
    @ConfigProperty(name = "leadsync.viewer.password")
    Optional<String> viewerPassword;

    private List<Account> accounts;

    /** Created at boot, not on the first request, so the generated password is in the log before anyone needs it. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        accounts.size();
    }

    @PostConstruct
    void load() {
        List<Account> all = new ArrayList<>();
        String admin = adminPassword.filter(p -> !p.isBlank()).orElseGet(() -> {
            String generated = generatePassword();
            // The one secret that may be logged (docs/api.md): otherwise nobody could log in.
            LOG.warning("Generated admin password: " + generated + " (set leadsync.admin.password to choose one)");
            return generated;
        });
        all.add(new Account(adminUser, admin, Account.ADMIN));
        viewerPassword.filter(p -> !p.isBlank())
                .ifPresent(password -> all.add(new Account(viewerUser, password, Account.VIEWER)));
        accounts = List.copyOf(all);
    }

    /** The account an `Authorization: Basic ...` header proves, if any. Every account is tried, to keep the time flat. */
    public Optional<Account> authenticate(String authorization) {
        return BasicCredentials.parse(authorization).flatMap(credentials -> {
            Account found = null;
            for (Account account : accounts) {
                if (account.matches(credentials.user(), credentials.password())) {
                    found = account;
                }
            }
            return Optional.ofNullable(found);
        });
    }

    static String generatePassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** For tests: accounts without a container. */
    static ApiAccounts of(Account... accounts) {
        ApiAccounts result = new ApiAccounts();
        result.accounts = List.of(accounts);
        return result;
    }

    /** User and password of an HTTP Basic header (RFC 7617). */
    record BasicCredentials(String user, String password) {

        static Optional<BasicCredentials> parse(String header) {
            if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? Optional.empty()
                        : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
    }
}
