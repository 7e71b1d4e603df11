package org.leadsync.sandbox;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.leadsync.ops.ApiExceptionMapper;

/**
 * The in-process Marketo and Dynamics emulators (sandbox.md), under /sandbox. Listed, not scanned,
 * so the /api resources are not served here too.
 */
@ApplicationPath("/sandbox")
public class SandboxApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ApiExceptionMapper.class,
                SandboxGate.class,
                SandboxAdminResource.class,
                org.leadsync.sandbox.dynamics.DynamicsSandboxResource.class,
                org.leadsync.sandbox.dynamics.DynamicsBusinessRuleResource.class);
    }
}
