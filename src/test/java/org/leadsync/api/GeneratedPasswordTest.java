package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class GeneratedPasswordTest {

    @Test
    void withoutAConfiguredPasswordOneIsGeneratedLoggedOnceAndWorks() {
        List<String> lines = new ArrayList<>();
        Handler capture = capture(lines);
        Logger logger = Logger.getLogger(ApiAccounts.class.getName());
        logger.addHandler(capture);
        try {
            ApiAccounts accounts = new ApiAccounts();
            accounts.adminUser = "admin";
            accounts.adminPassword = Optional.empty();
            accounts.viewerUser = "viewer";
            accounts.viewerPassword = Optional.empty();
            accounts.load();

            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("Generated admin password: "), lines.get(0));
            String password = lines.get(0).substring("Generated admin password: ".length()).split(" ")[0];
            assertEquals(Account.ADMIN, accounts.authenticate(basic("admin", password)).orElseThrow().role());
            assertTrue(accounts.authenticate(basic("viewer", "")).isEmpty(), "no viewer without a password");
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void aConfiguredPasswordIsNeverLogged() {
        List<String> lines = new ArrayList<>();
        Handler capture = capture(lines);
        Logger logger = Logger.getLogger(ApiAccounts.class.getName());
        logger.addHandler(capture);
        try {
            ApiAccounts accounts = new ApiAccounts();
            accounts.adminUser = "root";
            accounts.adminPassword = Optional.of("configured-secret");
            accounts.viewerUser = "ops";
            accounts.viewerPassword = Optional.of("viewer-secret");
            accounts.load();
            assertEquals(List.of(), lines);
            assertEquals(Account.VIEWER, accounts.authenticate(basic("ops", "viewer-secret")).orElseThrow().role());
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static Handler capture(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
