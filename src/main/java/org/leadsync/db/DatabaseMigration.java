package org.leadsync.db;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the newest version before anything else touches the database.
 * Flyway owns the schema; EclipseLink never creates or drops tables (docs/architecture.md, Databases).
 * A database that cannot be reached at start-up is tried again every `leadsync.db.retry-interval`, with one
 * log line per new reason and readiness DOWN naming it, until it appears (docs/architecture.md, Deployment).
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    /** The platform default datasource: Payara's jdbc/__default, WildFly's default binding (server-config/). */
    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "leadsync.db.retry-interval", defaultValue = "PT5S")
    Duration retryInterval;

    private volatile String schemaVersion;

    /** Why the schema is not migrated yet (the database's own words), or null once it is. */
    private volatile String unavailable = "not migrated yet";

    private volatile boolean stopping;

    @PostConstruct
    void onStart() {
        tryMigrate();
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /** Never lets an exception escape (docs/architecture.md, server trap 4). */
    @Timeout
    void retry() {
        tryMigrate();
    }

    private void tryMigrate() {
        try {
            MigrateResult result = migrate(dataSource);
            schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            unavailable = null;
            LOG.info(() -> "Database schema at version " + schemaVersion + " (" + result.migrationsExecuted + " migrations applied)");
        } catch (RuntimeException e) {
            String reason = reason(e);
            if (!reason.equals(unavailable)) {
                LOG.warning("The database cannot be migrated: " + reason + "; trying again every " + retryInterval
                        + " (readiness DOWN, no sync cycle until then)");
            }
            unavailable = reason;
            if (!stopping) {
                timerService.createSingleActionTimer(Math.max(1, retryInterval.toMillis()),
                        new TimerConfig("leadsync-database-migration", false));
            }
        }
    }

    /** The innermost cause's first line: "FATAL: database \"x\" does not exist", "Connection refused". */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    /** The one way LeadSync migrates a database; tests call it too. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:org/leadsync/db/migration")
                .load()
                .migrate();
    }

    /** True once the schema is migrated: the cycle and the flow-action retries wait for it. */
    public boolean migrated() {
        return unavailable == null;
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    /** What readiness reports: the database answers and holds the lease row, or why not. */
    public record Health(boolean up, String product, String schemaVersion, String reason) {
    }

    public Health health() {
        String notMigrated = unavailable;
        if (notMigrated != null) {
            return new Health(false, null, null, notMigrated);
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sync_lease")) {
            rs.next();
            boolean leaseRow = rs.getLong(1) == 1;
            return new Health(leaseRow, connection.getMetaData().getDatabaseProductName(), schemaVersion,
                    leaseRow ? null : "the sync_lease row is missing");
        } catch (Exception e) {
            return new Health(false, null, schemaVersion, reason(e));
        }
    }

    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }
}
