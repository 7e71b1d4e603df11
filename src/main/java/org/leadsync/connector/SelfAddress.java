package org.leadsync.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this app itself answers HTTP, so the connectors can default to the built-in sandbox over real HTTP
 * (docs/sandbox.md: the embedded default). Never guessed: `leadsync.self-url`, or else the local address, port
 * and context path of the first request that reaches the app ({@link SelfAddressListener}); until then a
 * connector that needs it refuses with a message saying so, and no cycle starts.
 */
@ApplicationScoped
public class SelfAddress {

    private static final Logger LOG = Logger.getLogger(SelfAddress.class.getName());

    @Inject
    @ConfigProperty(name = "leadsync.self-url")
    Optional<String> configuredSelfUrl;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.base-url")
    Optional<String> marketoBaseUrl;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.base-url")
    Optional<String> dynamicsBaseUrl;

    private volatile String learned;

    /** The first request tells where this server answers: the address and port it was received on. */
    void learn(HttpServletRequest request) {
        if (learned != null || configuredSelfUrl.isPresent()) {
            return;
        }
        String host = request.getLocalAddr();
        if (host == null || host.isBlank() || host.startsWith("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host.replaceFirst("%.*$", "") + "]"; // IPv6 literal, zone id dropped
        }
        synchronized (this) {
            if (learned == null) {
                learned = request.getScheme() + "://" + host + ":" + request.getLocalPort() + request.getContextPath();
                LOG.info(() -> "LeadSync answers at " + learned + " (learnt from the first request; set leadsync.self-url to fix it)");
            }
        }
    }

    /** Why the sandbox cannot be reached yet, when a vendor is the built-in sandbox and the address is unknown. */
    public Optional<String> unknown() {
        boolean sandboxNeeded = marketoBaseUrl.isEmpty() || dynamicsBaseUrl.isEmpty();
        if (!sandboxNeeded || configuredSelfUrl.isPresent() || learned != null) {
            return Optional.empty();
        }
        return Optional.of("LeadSync syncs with its built-in sandbox but does not know its own address yet: set "
                + "leadsync.self-url (e.g. http://127.0.0.1:8080), or it is learnt from the first request that reaches the app");
    }

    /** The Marketo emulator's base, as `leadsync.marketo.base-url` would name a real instance. */
    public URI marketoBase() {
        return URI.create(selfUrl() + "/sandbox/marketo");
    }

    /** The Dynamics emulator's base; the Web API lives under `/api/data/v9.2` below it. */
    public URI dynamicsBase() {
        return URI.create(selfUrl() + "/sandbox/dynamics");
    }

    public String selfUrl() {
        if (configuredSelfUrl.isPresent()) {
            String url = configuredSelfUrl.get();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String known = learned;
        if (known == null) {
            throw new IllegalStateException(unknown().orElse("LeadSync does not know its own address: set leadsync.self-url"));
        }
        return known;
    }
}
