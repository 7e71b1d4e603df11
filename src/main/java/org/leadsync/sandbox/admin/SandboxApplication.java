package org.leadsync.sandbox.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.leadsync.sandbox.dynamics.DynamicsBusinessRuleResource;
import org.leadsync.sandbox.dynamics.DynamicsSandboxResource;
import org.leadsync.sandbox.marketo.MarketoBulkResource;
import org.leadsync.sandbox.marketo.MarketoIdentityResource;
import org.leadsync.sandbox.marketo.MarketoPagingTokenResource;
import org.leadsync.sandbox.marketo.MarketoRestResource;

/**
 * The in-process Marketo and Dynamics emulators (docs/sandbox.md), under /sandbox. Listed, not scanned,
 * so the /api resources are not served here too.
 */
@ApplicationPath("/sandbox")
public class SandboxApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                SandboxErrors.class,
                SandboxGate.class,
                SandboxAdminResource.class,
                MarketoIdentityResource.class,
                MarketoRestResource.class,
                MarketoBulkResource.class,
                MarketoPagingTokenResource.class,
                DynamicsSandboxResource.class,
                DynamicsBusinessRuleResource.class);
    }
}
