package org.leadsync.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Every LeadSync endpoint lives under /api (docs/api.md). The classes are listed, not scanned, because
 * the WAR holds a second application (the sandbox, under /sandbox) and scanning would serve each
 * resource under both paths.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "LeadSync", version = "1",
        description = "Sync of Marketo persons and Dynamics 365 leads and contacts. GET needs the viewer or admin role, "
                + "PUT/POST/DELETE the admin; the webhook takes X-Api-Key instead."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(securitySchemeName = "webhookKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Api-Key")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ApiGuard.class,
                WebhookKeyGate.class,
                ApiExceptionMapper.class,
                ConstraintViolationMapper.class,
                JsonBodyReading.class,
                StrictJson.class,
                SyncStatusResource.class,
                ActivityResource.class,
                SyncErrorsResource.class,
                FlowActionResource.class,
                FieldSetupResource.class,
                PersonsResource.class,
                MeResource.class,
                AlertsResource.class);
    }
}
