package org.leadsync.sandbox.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** `leadsync.sandbox.enabled=false` removes every /sandbox path (docs/sandbox.md): they answer 404. */
@Provider
@PreMatching
public class SandboxGate implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.enabled", defaultValue = "true")
    boolean enabled;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled) {
            throw new NotFoundException();
        }
    }
}
