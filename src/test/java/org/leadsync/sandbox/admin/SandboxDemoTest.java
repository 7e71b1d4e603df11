package org.leadsync.sandbox.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.sandbox.dynamics.DynamicsStore;
import org.leadsync.sandbox.marketo.MarketoCalls;

/** The first-run demo (docs/sandbox.md, Demo data): when it is on, what it seeds, and what one round edits. */
class SandboxDemoTest {

    private final SandboxDemo demo = new SandboxDemo();

    SandboxDemoTest() {
        demo.marketo = new MarketoCalls().sandbox;
        demo.dynamics = new DynamicsStore();
        demo.demoData = true;
        demo.demoActivity = false; // no timer service here; rounds are called directly
        demo.sandboxEnabled = true;
        demo.marketoBaseUrl = Optional.empty();
        demo.dynamicsBaseUrl = Optional.empty();
    }

    @ParameterizedTest(name = "enabled={0} sandbox-only={1} marketo url={2} dynamics url={3} -> {4}")
    @CsvSource({
            "true,  false, ,                   , true",
            "false, false, ,                   , false",
            "true,  true,  ,                   , false",
            "true,  false, https://x.mktorest.com, , false",
            "true,  false, , https://org.crm.dynamics.com, false"})
    void onlyWhenTheAppSyncsWithThisSandbox(boolean enabled, boolean sandboxOnly, String marketoUrl, String dynamicsUrl, boolean on) {
        demo.sandboxEnabled = enabled;
        demo.sandboxOnly = sandboxOnly;
        demo.marketoBaseUrl = Optional.ofNullable(marketoUrl);
        demo.dynamicsBaseUrl = Optional.ofNullable(dynamicsUrl);
        assertEquals(on, demo.onForThisApp(true));
        assertFalse(demo.onForThisApp(false), "the switch off wins");
    }

    @Test
    void seedsBothSidesAndARuleThenEditsLinkedPairsOnBothSides() {
        demo.start();
        assertEquals(120, ((Number) demo.marketo.stats().get("persons")).intValue());
        assertEquals(Map.of("leads", 200, "contacts", 40, "systemusers", 1, "teams", 0), demo.dynamics.stats().get("rows"));
        assertEquals(1, demo.dynamics.rules().size());
        assertEquals(new SandboxDemo.Round(0, 0), demo.edit(1), "nothing is edited before a sync linked anything");

        // what a sync leaves behind: persons carrying their record's id (R1)
        for (int i = 0; i < 8; i++) {
            String lead = UUID.nameUUIDFromBytes(("lead-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            assertTrue(demo.marketo.edit(i + 1, Map.of("msftId", lead, "msftType", "Lead")));
        }
        assertEquals(8, demo.marketo.linkedPersons().size());
        long activities = ((Number) demo.marketo.stats().get("activities")).longValue();
        assertEquals(new SandboxDemo.Round(4, 3), demo.edit(2),
                "2 titles + 1 phone + 1 'Intern' title in Marketo; 2 titles + 1 phone in Dynamics");
        assertEquals(activities + 4, ((Number) demo.marketo.stats().get("activities")).longValue());

        String lead = UUID.nameUUIDFromBytes("lead-0".getBytes(StandardCharsets.UTF_8)).toString();
        assertFalse(demo.dynamics.edit("lead", lead, Map.of("jobtitle", "Intern 2")), "the rule refuses what LeadSync will copy");
        assertTrue(demo.dynamics.edit("contact", UUID.nameUUIDFromBytes("contact-0".getBytes(StandardCharsets.UTF_8)).toString(),
                Map.of("jobtitle", "Intern 2")), "the rule is for leads only");
    }
}
