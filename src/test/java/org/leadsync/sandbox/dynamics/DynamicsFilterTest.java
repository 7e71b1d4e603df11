package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DynamicsFilterTest {

    private static final Map<String, Object> ROW = new HashMap<>(Map.of(
            "lastname", "O'Brien", "emailaddress1", "Monte@Example.com", "statecode", 0L, "new_synctomkto", true));

    private static boolean matches(String filter) {
        Predicate<Function<String, Object>> p = ODataFilter.parse(filter);
        return p.test(ROW::get);
    }

    @Test
    void comparisonsAndLogic() {
        assertTrue(matches("lastname eq 'O''Brien'"));
        assertTrue(matches("emailaddress1 eq 'monte@example.com'"), "case-insensitive as Dataverse");
        assertFalse(matches("statecode ne 0"));
        assertTrue(matches("statecode eq 0 and new_synctomkto eq true"));
        assertTrue(matches("statecode eq 1 or (lastname ne 'x' and companyname eq null)"));
        assertFalse(matches("not (statecode eq 0)"));
        assertTrue(matches("statecode lt 1"));
    }

    @Test
    void theInFunction() {
        assertTrue(matches("Microsoft.Dynamics.CRM.In(PropertyName='emailaddress1',PropertyValues=['a@b.c','MONTE@example.com'])"));
        assertFalse(matches("Microsoft.Dynamics.CRM.In(PropertyName='emailaddress1',PropertyValues=['a@b.c'])"));
        assertTrue(matches("statecode eq 0 and Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=['O''Brien'])"));
    }

    @Test
    void syntaxErrorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ODataFilter.parse("lastname eq"));
        assertThrows(IllegalArgumentException.class, () -> ODataFilter.parse("lastname like 'x'"));
        assertThrows(IllegalArgumentException.class, () -> ODataFilter.parse("lastname eq 'x' )"));
    }

    @org.junit.jupiter.api.Test
    void aFilterOfOnlyInOnThePrimaryKeyIsAnsweredByKey() {
        String a = "7eb682f1-ca75-e511-80d4-00155d2a68d1";
        String b = "2e451703-c686-e711-80e5-00155db19e6d";
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.Optional.of(java.util.List.of(java.util.UUID.fromString(a), java.util.UUID.fromString(b))),
                ODataFilter.primaryKeysIn("Microsoft.Dynamics.CRM.In(PropertyName='leadid',PropertyValues=['" + a + "','" + b + "'])", "leadid"));
        org.junit.jupiter.api.Assertions.assertTrue(ODataFilter.primaryKeysIn(
                "Microsoft.Dynamics.CRM.In(PropertyName='emailaddress1',PropertyValues=['x@y.z'])", "leadid").isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(ODataFilter.primaryKeysIn(
                "Microsoft.Dynamics.CRM.In(PropertyName='leadid',PropertyValues=['" + a + "']) and lastname eq 'X'", "leadid").isEmpty());
    }
}
