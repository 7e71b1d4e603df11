package org.leadsync;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.leadsync.activity.ActivityResource;
import org.leadsync.activity.SyncErrorsResource;
import org.leadsync.ops.ApiExceptionMapper;
import org.leadsync.ops.ApiGuard;
import org.leadsync.ops.ConstraintViolationMapper;
import org.leadsync.ops.JsonBodyReading;
import org.leadsync.ops.StrictJson;
import org.leadsync.ops.SyncStatusResource;
import org.leadsync.ops.WebhookKeyGate;

/**
 * Every LeadSync endpoint lives under /api (api.md). The classes are listed, not scanned, because
 * the WAR holds a second application (the sandbox, under /sandbox) and scanning would serve each
 * resource under both paths.
 */
@ApplicationPath("/api")
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
                SyncErrorsResource.class);
    }
}
