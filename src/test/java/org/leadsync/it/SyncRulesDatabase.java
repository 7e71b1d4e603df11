package org.leadsync.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides, before Payara boots, whether the sync-rule tests run in this failsafe execution (pom.xml): only in the
 * executions that set `leadsync.it.sync` (`h2` or `postgresql`), whose Payara runs a one-second cycle. For
 * PostgreSQL it drops and re-creates the database Payara is about to use, so every run starts empty; a missing
 * PostgreSQL skips the class outside CI and fails it in CI (`CI=true`), like the plain persistence tests.
 */
public final class SyncRulesDatabase implements ExecutionCondition {

    private static boolean prepared;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String database = System.getProperty("leadsync.it.sync", "");
        if (database.isBlank() || database.startsWith("${")) {
            return ConditionEvaluationResult.disabled("Sync-rule tests run only in the sync-rules failsafe executions");
        }
        if (!database.equals("postgresql")) {
            return ConditionEvaluationResult.enabled("on " + database);
        }
        String url = System.getenv("LEADSYNC_DB_URL");
        try {
            prepare(url);
            return ConditionEvaluationResult.enabled("on PostgreSQL " + url);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required in CI but not reachable at " + url, e);
            }
            return ConditionEvaluationResult.disabled("PostgreSQL not reachable at " + url + "; skipped outside CI");
        }
    }

    private static synchronized void prepare(String url) throws SQLException {
        if (prepared) {
            return;
        }
        drop(url);
        create(url);
        prepared = true;
    }

    /** Drops the database `url` names (connected to the server's `postgres` database), if it exists. */
    static void drop(String url) throws SQLException {
        maintenance(url, "DROP DATABASE IF EXISTS %s WITH (FORCE)");
    }

    static void create(String url) throws SQLException {
        maintenance(url, "CREATE DATABASE %s");
    }

    private static void maintenance(String url, String statement) throws SQLException {
        String name = url.replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unexpected test database name: " + name);
        }
        String maintenance = url.replace("/" + name, "/postgres");
        try (Connection c = DriverManager.getConnection(maintenance, System.getenv("LEADSYNC_DB_USER"), System.getenv("LEADSYNC_DB_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute(String.format(statement, name));
        }
    }
}
