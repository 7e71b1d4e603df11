package org.leadsync.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this app itself answers HTTP, so the connectors can default to the built-in sandbox over
 * real loopback HTTP (docs/sandbox.md: the embedded default). `leadsync.self-url` overrides the guess.
 */
@ApplicationScoped
public class SelfAddress {

    @Inject
    @ConfigProperty(name = "leadsync.self-url")
    Optional<String> configuredSelfUrl;

    private volatile String contextPath = "";

    void onStart(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
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
        return configuredSelfUrl
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> "http://127.0.0.1:" + httpPort() + contextPath);
    }

    /** Payara Micro takes its port as `--port N` on its command line; 8080 is its default. */
    static int httpPort() {
        String property = System.getProperty("payaramicro.port");
        if (property != null) {
            return Integer.parseInt(property.trim());
        }
        List<String> args = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equalsIgnoreCase("--port")) {
                return Integer.parseInt(args.get(i + 1).trim());
            }
        }
        return 8080;
    }
}
