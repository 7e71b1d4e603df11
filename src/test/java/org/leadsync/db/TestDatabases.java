package org.leadsync.db;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Empty databases for plain-JVM persistence tests: a private in-memory H2, or a fresh schema in
 * the local PostgreSQL (`leadsync_test`, which .ci/run creates). In CI (`CI=true`) a missing
 * PostgreSQL fails the test instead of skipping it.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static String postgresUrl() {
        String url = System.getProperty("leadsync.test.pg.url");
        return url == null || url.isBlank() || url.startsWith("${")
                ? "jdbc:postgresql://127.0.0.1:5432/leadsync_test" : url;
    }

    public static DataSource emptyH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:leadsync-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** A new, empty schema in the test database, so runs never see each other's tables. */
    public static DataSource emptyPostgres() {
        String url = postgresUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            createDatabaseIfMissing(url);
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("PostgreSQL is required in CI but not reachable at " + url + ": " + e.getMessage());
            }
            assumeTrue(false, "PostgreSQL not reachable at " + url + "; skipped outside CI");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        ds.setCurrentSchema(schema);
        return ds;
    }

    /** `mvn verify` needs no set-up by hand: the test database is created on first use. */
    public static void createDatabaseIfMissing(String url) throws SQLException {
        String database = url.replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        String maintenance = url.replace("/" + database, "/postgres");
        try (Connection c = DriverManager.getConnection(maintenance, "postgres", "");
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** The `leadsync` persistence unit outside a container, on `ds` (migrated first), with local transactions. */
    public static jakarta.persistence.EntityManagerFactory migratedUnit(DataSource ds) {
        DatabaseMigration.migrate(ds);
        return jakarta.persistence.Persistence.createEntityManagerFactory("leadsync", java.util.Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", ds));
    }
}
