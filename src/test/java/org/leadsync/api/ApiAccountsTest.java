package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiAccountsTest {

    private final ApiAccounts accounts = ApiAccounts.of(
            new Account("admin", "s3cret:with-colon", Account.ADMIN),
            new Account("ops", "look-only", Account.VIEWER));

    @Test
    void adminAndViewerAreToldApart() {
        assertEquals(Account.ADMIN, accounts.authenticate(basic("admin", "s3cret:with-colon")).orElseThrow().role());
        assertEquals(Account.VIEWER, accounts.authenticate(basic("ops", "look-only")).orElseThrow().role());
    }

    @Test
    void wrongPasswordOrUserOrSwappedPairsAreRefused() {
        assertTrue(accounts.authenticate(basic("admin", "s3cret")).isEmpty());
        assertTrue(accounts.authenticate(basic("Admin", "s3cret:with-colon")).isEmpty());
        assertTrue(accounts.authenticate(basic("ops", "s3cret:with-colon")).isEmpty());
        assertTrue(accounts.authenticate(basic("admin", "")).isEmpty());
    }

    @Test
    void headersThatAreNotBasicAreRefused() {
        assertTrue(accounts.authenticate(null).isEmpty());
        assertTrue(accounts.authenticate("").isEmpty());
        assertTrue(accounts.authenticate("Bearer abc").isEmpty());
        assertTrue(accounts.authenticate("Basic %%%").isEmpty());
        assertTrue(accounts.authenticate("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes())).isEmpty());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertFalse(accounts.authenticate(basic("admin", "s3cret:with-colon").replace("Basic", "basic")).isEmpty());
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        String one = ApiAccounts.generatePassword();
        assertTrue(one.length() >= 20, one);
        assertNotEquals(one, ApiAccounts.generatePassword());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
