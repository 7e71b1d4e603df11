package org.leadsync.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.leadsync.db.DatabaseMigration;

/** /health/ready: the database answers and the schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    DatabaseMigration migration;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sync_lease")) {
            rs.next();
            return HealthCheckResponse.named("database")
                    .withData("product", connection.getMetaData().getDatabaseProductName())
                    .withData("schemaVersion", String.valueOf(migration.schemaVersion()))
                    .status(rs.getLong(1) == 1)
                    .build();
        } catch (Exception e) {
            return HealthCheckResponse.named("database").withData("error", e.getClass().getSimpleName()).down().build();
        }
    }
}
