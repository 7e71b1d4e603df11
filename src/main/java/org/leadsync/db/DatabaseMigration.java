package org.leadsync.db;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the newest version before anything else touches the database.
 * Flyway owns the schema; EclipseLink never creates or drops tables (docs/architecture.md, Databases).
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    /** The platform default datasource: Payara's jdbc/__default (H2, or PostgreSQL via server-config). */
    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private volatile String schemaVersion;

    @PostConstruct
    void onStart() {
        MigrateResult result = migrate(dataSource);
        schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + schemaVersion + " (" + result.migrationsExecuted + " migrations applied)");
    }

    /** The one way LeadSync migrates a database; tests call it too. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:org/leadsync/db/migration")
                .load()
                .migrate();
    }

    public String schemaVersion() {
        return schemaVersion;
    }
}
