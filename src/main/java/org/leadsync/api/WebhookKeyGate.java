package org.leadsync.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook endpoints (/api/flow-actions/*) take `X-Api-Key` instead of HTTP Basic. Pre-matching, so the key is
 * checked before anyone learns whether a path exists.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class WebhookKeyGate implements ContainerRequestFilter {

    public static final String HEADER = "X-Api-Key";
    static final String PREFIX = "flow-actions";

    @Inject
    @ConfigProperty(name = "leadsync.webhook.api-key")
    Optional<String> configuredKey;

    private volatile WebhookKey key;

    private WebhookKey key() {
        if (key == null) {
            key = new WebhookKey(configuredKey);
        }
        return key;
    }

    /** A flow action's webhook template: read by people setting Marketo up, so HTTP Basic guards it (docs/api.md). */
    private static final java.util.regex.Pattern TEMPLATE = java.util.regex.Pattern.compile(PREFIX + "/[A-Za-z0-9-]+/template");

    /** True for paths below /api that this gate (not Basic) protects; `path` is relative to /api. */
    static boolean guards(String path) {
        String relative = path == null ? "" : path.replaceFirst("^/+", "");
        if (TEMPLATE.matcher(relative).matches()) {
            return false;
        }
        return relative.equals(PREFIX) || relative.startsWith(PREFIX + "/") || relative.startsWith(PREFIX + ";");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!guards(request.getUriInfo().getPath())) {
            return;
        }
        Response refusal = refusal(key().check(request.getHeaderString(HEADER)));
        if (refusal != null) {
            request.abortWith(refusal);
            return;
        }
        request.setSecurityContext(new CallerContext("marketo-webhook", "webhook",
                request.getSecurityContext().isSecure(), HEADER));
    }

    /** The answer for a verdict, or null to let the call through. */
    static Response refusal(WebhookKey.Verdict verdict) {
        return switch (verdict) {
            case ACCEPTED -> null;
            case DISABLED -> ApiGuard.error(Response.Status.SERVICE_UNAVAILABLE, "webhook-disabled",
                    "The webhook is switched off: set leadsync.webhook.api-key to switch it on.");
            case REFUSED -> ApiGuard.error(Response.Status.UNAUTHORIZED, "unauthorized",
                    "Send the configured key in the " + HEADER + " header.");
        };
    }

    /** For tests: a gate without a container. */
    static WebhookKeyGate with(Optional<String> configured) {
        WebhookKeyGate gate = new WebhookKeyGate();
        gate.configuredKey = configured;
        return gate;
    }
}
