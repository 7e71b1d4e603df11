package org.leadsync.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * HTTP Basic for everything under /api except the webhook (docs/api.md, Security). Done in JAX-RS rather than by the
 * servlet container so that 401 and 403 leave as the JSON error body, and unknown paths are not probed unseen.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiGuard implements ContainerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"LeadSync\"";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ApiAccounts accounts;

    /** A sandbox-only process serves the vendors' emulators and nothing of the product (docs/sandbox.md). */
    @Inject
    @ConfigProperty(name = "leadsync.sandbox-only", defaultValue = "false")
    boolean sandboxOnly;

    @Override
    public void filter(ContainerRequestContext request) {
        if (sandboxOnly) {
            request.abortWith(error(Response.Status.NOT_FOUND, "not-found",
                    "This process runs the sandbox only (leadsync.sandbox-only); the product API is not served."));
            return;
        }
        if (WebhookKeyGate.guards(request.getUriInfo().getPath())) {
            return;
        }
        Optional<Account> account = accounts.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (account.isEmpty()) {
            request.abortWith(unauthorized());
            return;
        }
        if (!READS.contains(request.getMethod()) && !Account.ADMIN.equals(account.get().role())) {
            request.abortWith(error(Response.Status.FORBIDDEN, "forbidden",
                    "The user " + account.get().name() + " may read but not change anything."));
            return;
        }
        request.setSecurityContext(new CallerContext(account.get().name(), account.get().role(),
                request.getSecurityContext().isSecure(), "BASIC"));
    }

    static Response unauthorized() {
        return Response.fromResponse(error(Response.Status.UNAUTHORIZED, "unauthorized",
                        "Give a user and password with HTTP Basic."))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build();
    }

    static Response error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(code, message)).build();
    }
}
