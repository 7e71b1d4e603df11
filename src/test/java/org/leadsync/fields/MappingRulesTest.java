package org.leadsync.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;
import org.leadsync.port.MarketoFieldInfo;

/** docs/api.md's field-setup refusals and warnings, one row per problem. */
class MappingRulesTest {

    private static final Catalogue CATALOGUE = new Catalogue(List.of(
            new MarketoFieldInfo("email", "Email Address", "email", 255, false),
            new MarketoFieldInfo("company", "Company Name", "string", 255, false),
            new MarketoFieldInfo("title", "Job Title", "string", 100, false),
            new MarketoFieldInfo("score", "Score", "integer", null, false),
            new MarketoFieldInfo("createdAt", "Created", "datetime", null, true),
            new MarketoFieldInfo("msftId", "CRM Id", "string", 255, false)),
            Map.of(CrmEntity.LEAD, List.of(
                            text("emailaddress1", 100, "Email"), text("companyname", 100, "Text"), text("jobtitle", 100, "Text"),
                            new DynamicsAttribute("numberofemployees", "Integer", null, null, "None", true, true, 0L, 100L),
                            new DynamicsAttribute("fullname", "String", "Text", 160, "None", false, false, null, null),
                            new DynamicsAttribute("new_lastvisit", "DateTime", null, null, "None", true, true, null, null)),
                    CrmEntity.CONTACT, List.of(text("emailaddress1", 100, "Email"), text("jobtitle", 100, "Text"))));

    private static final MappingLine EMAIL = new MappingLine("email", "emailaddress1", "emailaddress1");

    @Test
    void theDefaultLikeSetPassesWithALengthWarning() {
        MappingRules.Review review = MappingRules.review(List.of(EMAIL,
                new MappingLine("company", "companyname", null),
                new MappingLine("title", "jobtitle", "jobtitle"),
                new MappingLine("score", "numberofemployees", null)), CATALOGUE);
        assertEquals(List.of(), review.problems());
        assertEquals(3, review.warnings().size(), review.warnings().toString());
        assertEquals("mappings[0].leadField", review.warnings().get(0).field());
        assertTrue(review.warnings().get(0).message().contains("100"), review.warnings().get(0).message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "~", delimiter = '|', textBlock = """
            unknown Marketo field     | nosuch    | companyname       | ~            | mappings[1].marketoField
            unknown Dynamics field    | company   | nosuch            | ~            | mappings[1].leadField
            incompatible types        | score     | companyname       | ~            | mappings[1].leadField
            email needs Email format  | company   | ~                 | emailaddress1| mappings[1].contactField
            read-only target          | company   | fullname          | ~            | mappings[1].leadField
            read-only source          | createdAt | new_lastvisit     | ~            | mappings[1].marketoField
            reserved CRM field        | msftId    | companyname       | ~            | mappings[1].marketoField
            maps to nothing           | company   | ~                 | ~            | mappings[1]
            """)
    void eachProblemIsOneDetailNamingRowAndColumn(String name, String marketo, String lead, String contact, String where) {
        List<MappingNote> problems = MappingRules.review(List.of(EMAIL, new MappingLine(marketo, lead, contact)), CATALOGUE)
                .problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(where, problems.get(0).field());
    }

    @Test
    void aTargetUsedTwiceAndAMissingEmailAreRefused() {
        List<MappingLine> lines = new ArrayList<>(List.of(
                new MappingLine("company", "jobtitle", null),
                new MappingLine("title", "jobtitle", null)));
        List<MappingNote> problems = MappingRules.review(lines, CATALOGUE).problems();
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("mappings[1].leadField", problems.get(0).field());
        assertTrue(problems.get(0).message().contains("already used"), problems.get(0).message());
        assertEquals("mappings", problems.get(1).field());
    }

    @Test
    void stringMapsToMemoAndEmailMustBeEmailFormat() {
        MarketoFieldInfo string = new MarketoFieldInfo("notes", "Notes", "string", 2000, false);
        assertTrue(MappingRules.compatible(string, new DynamicsAttribute("description", "Memo", null, 2000, "None", true, true, null, null)));
        MarketoFieldInfo email = new MarketoFieldInfo("email", "Email", "email", 255, false);
        assertTrue(!MappingRules.compatible(email, text("companyname", 100, "Text")));
    }

    private static DynamicsAttribute text(String name, int max, String format) {
        return new DynamicsAttribute(name, "String", format, max, "None", true, true, null, null);
    }
}
