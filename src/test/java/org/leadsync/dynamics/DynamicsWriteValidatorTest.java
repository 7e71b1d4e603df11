package org.leadsync.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leadsync.port.DynamicsAttribute;

class DynamicsWriteValidatorTest {

    private static final List<DynamicsAttribute> LEAD = List.of(
            new DynamicsAttribute("leadid", "Uniqueidentifier", null, null, "SystemRequired", true, false, null, null),
            new DynamicsAttribute("lastname", "String", "Text", 50, "ApplicationRequired", true, true, null, null),
            new DynamicsAttribute("subject", "String", "Text", 300, "ApplicationRequired", true, true, null, null),
            new DynamicsAttribute("emailaddress1", "String", "Email", 100, "None", true, true, null, null),
            new DynamicsAttribute("numberofemployees", "Integer", "None", null, "None", true, true, 0L, 1_000_000_000L),
            new DynamicsAttribute("new_synctomkto", "Boolean", null, null, "None", true, true, null, null),
            new DynamicsAttribute("ownerid", "Owner", null, null, "SystemRequired", true, true, null, null),
            new DynamicsAttribute("modifiedon", "DateTime", null, null, "None", false, false, null, null));

    private final WriteValidator validator = new WriteValidator("lead", LEAD);

    private static Map<String, Object> lead(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        values.put("lastname", "Orton");
        values.put("subject", "Marketo lead");
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void aCompleteLeadPasses() {
        assertEquals(Optional.empty(), validator.check(true, lead("emailaddress1", "monte@example.com", "numberofemployees", 12L)));
    }

    @Test
    void aLeadWithoutLastnameIsRefusedNamingTheAttribute() {
        Map<String, Object> values = lead();
        values.remove("lastname");
        WriteValidator.Violation v = validator.check(true, values).orElseThrow();
        assertEquals("lastname", v.attribute());
        assertEquals(WriteValidator.REQUIRED, v.code());
        assertTrue(v.reason().contains("required"), v.reason());
    }

    @Test
    void requiredAttributesCannotBeClearedOnUpdateButMayBeLeftOut() {
        assertEquals("subject", validator.check(false, Map.of("subject", " ")).orElseThrow().attribute());
        assertEquals(Optional.empty(), validator.check(false, Map.of("emailaddress1", "a@b.co")));
    }

    @Test
    void maxLengthEmailRangeTypeAndReadOnlyAreChecked() {
        assertEquals("lastname", validator.check(true, lead("lastname", "x".repeat(51))).orElseThrow().attribute());
        assertEquals(WriteValidator.MAX_LENGTH, validator.check(true, lead("lastname", "x".repeat(51))).orElseThrow().code());
        assertEquals(WriteValidator.FORMAT, validator.check(true, lead("emailaddress1", "nope")).orElseThrow().code());
        assertEquals(Optional.empty(), validator.check(true, lead("lastname", "x".repeat(50))));
        assertEquals("emailaddress1", validator.check(true, lead("emailaddress1", "not-an-email")).orElseThrow().attribute());
        assertEquals("numberofemployees", validator.check(true, lead("numberofemployees", -1)).orElseThrow().attribute());
        assertEquals("numberofemployees", validator.check(true, lead("numberofemployees", "12.5")).orElseThrow().attribute());
        assertEquals("new_synctomkto", validator.check(true, lead("new_synctomkto", "yes")).orElseThrow().attribute());
        assertEquals("modifiedon", validator.check(false, Map.of("modifiedon", "2020-01-01T00:00:00Z")).orElseThrow().attribute());
        assertEquals("nosuchfield", validator.check(false, Map.of("nosuchfield", "x")).orElseThrow().attribute());
    }
}
