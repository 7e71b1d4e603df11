package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * `EntityDefinitions(LogicalName='x')/Attributes/Microsoft.Dynamics.CRM.<Type>AttributeMetadata`
 * (Web API, "Query table definitions using the Web API", Querying EntityMetadata attributes).
 */
class AttributeMetadataCastTest {

    private static final String LEAD = "EntityDefinitions(LogicalName='lead')/Attributes";

    private final WebApiCalls dv = new WebApiCalls();

    private JsonArray value(String target) {
        WebApiResponse r = dv.get(target);
        assertEquals(200, r.status(), r.body());
        return WebApiCalls.json(r).getJsonArray("value");
    }

    private static List<String> names(JsonArray value) {
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.asJsonObject().getString("LogicalName")));
        return out;
    }

    @Test
    void theStringCastHoldsOnlyStringColumnsWithTheirStringProperties() {
        WebApiResponse r = dv.get(LEAD + "/Microsoft.Dynamics.CRM.StringAttributeMetadata");
        JsonObject body = WebApiCalls.json(r);
        assertEquals(WebApiCalls.ROOT + "$metadata#EntityDefinitions('lead')/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata",
                body.getString("@odata.context"));
        JsonArray value = body.getJsonArray("value");
        assertEquals(List.of("firstname", "lastname", "subject", "companyname", "emailaddress1", "jobtitle", "telephone1",
                "address1_city", "address1_postalcode", "address1_country", "websiteurl"), names(value));
        for (JsonValue v : value) {
            JsonObject a = v.asJsonObject();
            assertEquals("String", a.getString("AttributeType"));
            assertTrue(a.containsKey("MaxLength") && a.containsKey("Format") && a.containsKey("MetadataId"), a.toString());
            assertFalse(a.containsKey("@odata.type"), "every member is of the cast type");
        }
        JsonObject email = value.getJsonObject(4);
        assertEquals(100, email.getInt("MaxLength"));
        assertEquals("Email", email.getString("Format"));
        assertEquals("Email", email.getJsonObject("FormatName").getString("Value"));
    }

    @Test
    void selectAndFilterWorkOnACast() {
        JsonArray value = value(LEAD + "/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength"
                + "&$filter=LogicalName eq 'subject'");
        assertEquals(1, value.size());
        JsonObject subject = value.getJsonObject(0);
        assertEquals(Set.of("MetadataId", "LogicalName", "MaxLength"), subject.keySet(), "MetadataId is always returned");
        assertEquals(300, subject.getInt("MaxLength"));
        WebApiResponse r = dv.get(LEAD + "/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength");
        assertTrue(WebApiCalls.json(r).getString("@odata.context").endsWith("StringAttributeMetadata(LogicalName,MaxLength)"));
        assertEquals(List.of("websiteurl"), names(value(LEAD + "/Microsoft.Dynamics.CRM.StringAttributeMetadata"
                + "?$filter=Format eq 'Url'")));
        assertEquals(List.of("subject"), names(value(LEAD + "/Microsoft.Dynamics.CRM.StringAttributeMetadata"
                + "?$filter=MaxLength gt 200")));
    }

    @Test
    void theOtherCastsOfTheSandboxsColumns() {
        JsonArray memo = value(LEAD + "/Microsoft.Dynamics.CRM.MemoAttributeMetadata");
        assertEquals(List.of("description"), names(memo));
        assertEquals(2000, memo.getJsonObject(0).getInt("MaxLength"));
        JsonArray integer = value(LEAD + "/Microsoft.Dynamics.CRM.IntegerAttributeMetadata");
        assertEquals(List.of("numberofemployees"), names(integer));
        assertEquals(0, integer.getJsonObject(0).getInt("MinValue"));
        assertEquals(1_000_000_000, integer.getJsonObject(0).getInt("MaxValue"));
        JsonArray dates = value(LEAD + "/Microsoft.Dynamics.CRM.DateTimeAttributeMetadata");
        assertEquals(List.of("createdon", "modifiedon"), names(dates));
        assertEquals("DateAndTime", dates.getJsonObject(0).getString("Format"));
        assertEquals("UserLocal", dates.getJsonObject(0).getJsonObject("DateTimeBehavior").getString("Value"));
        assertEquals(List.of("new_synctomkto"), names(value(LEAD + "/Microsoft.Dynamics.CRM.BooleanAttributeMetadata")));
        JsonArray lookups = value("EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.LookupAttributeMetadata");
        assertEquals(List.of("originatingleadid", "ownerid"), names(lookups));
        assertEquals("lead", lookups.getJsonObject(0).getJsonArray("Targets").getString(0));
        assertEquals(List.of("systemuser", "team"), lookups.getJsonObject(1).getJsonArray("Targets")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(List.of("statecode"), names(value(LEAD + "/Microsoft.Dynamics.CRM.StateAttributeMetadata")));
        assertEquals(List.of("leadid"), names(value(LEAD + "/Microsoft.Dynamics.CRM.UniqueIdentifierAttributeMetadata")));
    }

    @Test
    void aTypeTheTableHasNoColumnOfIsAnEmptyCollection() {
        for (String type : List.of("PicklistAttributeMetadata", "MoneyAttributeMetadata", "DecimalAttributeMetadata")) {
            assertEquals(0, value(LEAD + "/Microsoft.Dynamics.CRM." + type).size(), type);
        }
    }

    @Test
    void refusals() {
        assertEquals(404, dv.get(LEAD + "/Microsoft.Dynamics.CRM.NoSuchAttributeMetadata").status());
        assertEquals(404, dv.get(LEAD + "/Microsoft.Dynamics.CRM.EnumAttributeMetadata").status(), "not castable, per the docs");
        assertEquals(404, dv.get("EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata").status());
        WebApiResponse base = dv.get(LEAD + "?$select=LogicalName,MaxLength");
        assertEquals(400, base.status(), "MaxLength needs the cast");
        assertTrue(WebApiCalls.json(base).getJsonObject("error").getString("message")
                .contains("'Microsoft.Dynamics.CRM.AttributeMetadata'"));
        assertEquals(400, dv.get(LEAD + "/Microsoft.Dynamics.CRM.IntegerAttributeMetadata?$select=MaxLength").status());
    }

    @Test
    void theUncastCollectionKeepsEveryColumnAndNowTakesSelectAndFilter() {
        JsonArray all = value(LEAD);
        assertEquals(20, all.size());
        assertEquals("#Microsoft.Dynamics.CRM.StringAttributeMetadata", all.getJsonObject(1).getString("@odata.type"));
        assertEquals(50, all.getJsonObject(1).getInt("MaxLength"), "derived properties stay in the uncast answer");
        JsonArray required = value(LEAD + "?$select=LogicalName&$filter=RequiredLevel/Value eq "
                + "Microsoft.Dynamics.CRM.AttributeRequiredLevel'ApplicationRequired'");
        assertEquals(List.of("lastname", "subject"), names(required));
        assertEquals(Set.of("@odata.type", "MetadataId", "LogicalName"), required.getJsonObject(0).keySet());
        assertEquals("GET EntityDefinitions(LogicalName=x)/Attributes/StringAttributeMetadata",
                DataverseWebApi.endpoint("GET", LEAD + "/Microsoft.Dynamics.CRM.StringAttributeMetadata"));
    }
}
