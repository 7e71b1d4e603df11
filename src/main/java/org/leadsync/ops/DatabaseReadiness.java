package org.leadsync.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.leadsync.db.DatabaseMigration;

/**
 * /health/ready: the database answers and the schema is migrated; DOWN names the reason. The check goes
 * through the migration bean's datasource, the one lookup every server resolves (docs/architecture.md, Deployment).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseMigration migration;

    @Override
    public HealthCheckResponse call() {
        DatabaseMigration.Health health = migration.health();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database").status(health.up());
        if (health.product() != null) {
            response.withData("product", health.product());
        }
        if (health.schemaVersion() != null) {
            response.withData("schemaVersion", health.schemaVersion());
        }
        if (health.reason() != null) {
            response.withData("reason", health.reason());
        }
        return response.build();
    }
}
