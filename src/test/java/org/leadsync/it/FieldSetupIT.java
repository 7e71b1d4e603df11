package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Field setup over HTTP (docs/api.md; rule R2): the catalogue, the saved set, refusals, warnings and the fill. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FieldSetupIT {

    private static final String[][] DEFAULTS = {
            {"email", "emailaddress1", "emailaddress1"}, {"firstName", "firstname", "firstname"},
            {"lastName", "lastname", "lastname"}, {"company", "companyname", null},
            {"title", "jobtitle", "jobtitle"}, {"phone", "telephone1", "telephone1"}};

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void restoreDefaults() {
        try (Http http = new Http(base); Response r = put(http, set(DEFAULTS))) {
            assertEquals(200, r.getStatus(), r.readEntity(String.class));
        }
    }

    @Test
    void fieldsListsBothCataloguesWithTheirMetadata() {
        try (Http http = new Http(base)) {
            JsonObject fields = http.getJson("api/fields");
            JsonObject company = find(fields.getJsonArray("marketo"), "name", "company");
            assertEquals("string", company.getString("dataType"));
            assertEquals(255, company.getInt("length"));
            assertEquals(false, company.getBoolean("readOnly"));
            JsonObject companyname = find(fields.getJsonObject("dynamics").getJsonArray("lead"), "logicalName", "companyname");
            assertEquals("String", companyname.getString("attributeType"));
            assertEquals(100, companyname.getInt("maxLength"));
            assertEquals("None", companyname.getString("requiredLevel"));
            JsonObject lastname = find(fields.getJsonObject("dynamics").getJsonArray("contact"), "logicalName", "lastname");
            assertEquals("ApplicationRequired", lastname.getString("requiredLevel"));
            assertEquals(200, http.get("api/fields?refresh=true").getStatus());
        }
    }

    @Test
    void theDefaultSetIsInPlaceUntilAnAdminSavesAnother() {
        try (Http http = new Http(base)) {
            JsonArray mappings = http.getJson("api/field-mappings").getJsonArray("mappings");
            assertEquals(DEFAULTS.length, mappings.size());
            for (int i = 0; i < DEFAULTS.length; i++) {
                JsonObject m = mappings.getJsonObject(i);
                assertEquals(DEFAULTS[i][0], m.getString("marketoField"));
                assertEquals(DEFAULTS[i][1], m.getString("leadField"));
                assertEquals(DEFAULTS[i][2], m.isNull("contactField") ? null : m.getString("contactField"));
            }
        }
    }

    @Test
    void everyProblemIsOneDetailAndNothingIsSaved() {
        JsonObject bad = set(new String[][] {
                {"nosuchfield", "companyname", null},          // the Marketo field does not exist
                {"firstName", "numberofemployees", null},      // string -> Integer: incompatible
                {"lastName", "createdon", null},               // a read-only target
                {"title", "jobtitle", "jobtitle"},
                {"phone", "jobtitle", null},                   // jobtitle used twice for leads
        });                                                    // and no email mapping
        try (Http http = new Http(base); Response r = put(http, bad)) {
            assertEquals(400, r.getStatus());
            JsonObject error = r.readEntity(JsonObject.class);
            assertEquals("invalid-field-mappings", error.getString("error"));
            JsonArray details = error.getJsonArray("details");
            assertEquals(6, details.size(), details.toString());
            assertEquals("mappings[0].marketoField", details.getJsonObject(0).getString("field"));
            assertTrue(details.toString().contains("mappings[1].leadField"), details.toString());
            assertTrue(details.toString().contains("read-only"), details.toString());
            assertTrue(details.toString().contains("already used"), details.toString());
            assertEquals("mappings", details.getJsonObject(details.size() - 1).getString("field"));
            assertEquals(DEFAULTS.length, http.getJson("api/field-mappings").getJsonArray("mappings").size(),
                    "nothing was saved");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{}", "{\"mappings\":null}", "{\"mappings\":[null]}",
            "{\"mappings\":[{\"leadField\":\"companyname\"}]}", "{\"mappings\":\"email\"}",
            "{\"mappings\":[{\"marketoField\":\"email\",\"colour\":\"red\"}]}", "[]", "{\"mappings\":["})
    void malformedBodiesAre400AndChangeNothing(String body) {
        try (Http http = new Http(base);
             Response r = http.target("api/field-mappings").request(MediaType.APPLICATION_JSON).put(Entity.json(body))) {
            assertEquals(400, r.getStatus(), body);
            JsonObject error = r.readEntity(JsonObject.class);
            assertTrue(error.getString("message").length() > 0, error.toString());
            assertEquals(DEFAULTS.length, http.getJson("api/field-mappings").getJsonArray("mappings").size());
        }
    }

    @Test
    void aSavedSetIsReturnedWithLengthWarningsAndViewersCannotSave() {
        JsonObject withCity = set(new String[][] {
                {"email", "emailaddress1", "emailaddress1"}, {"lastName", "lastname", "lastname"},
                {"city", "address1_city", "address1_city"}});
        try (Http viewer = Http.viewer(base); Response r = put(viewer, withCity)) {
            assertEquals(403, r.getStatus());
        }
        try (Http http = new Http(base); Response r = put(http, withCity)) {
            assertEquals(200, r.getStatus());
            JsonObject saved = r.readEntity(JsonObject.class);
            assertEquals(3, saved.getJsonArray("mappings").size());
            JsonArray warnings = saved.getJsonArray("warnings");
            assertTrue(warnings.toString().contains("mappings[2].leadField"), warnings.toString());
            assertTrue(warnings.toString().contains("80"), warnings.toString());
            assertEquals("city", http.getJson("api/field-mappings").getJsonArray("mappings").getJsonObject(2)
                    .getString("marketoField"));
        }
    }

    @Test
    void aNewlyMappedFieldIsFilledFromDynamicsForLinkedPairs() throws InterruptedException {
        String email = "fill-" + UUID.randomUUID().toString().substring(0, 8) + "@fields.example.com";
        SandboxVendors vendors = new SandboxVendors(base);
        try (Http http = new Http(base)) {
            vendors.create("leads", Json.createObjectBuilder().add("lastname", "Curie").add("subject", "Radium")
                    .add("emailaddress1", email).add("address1_city", "Paris").build().toString());
            long personId = awaitPerson(vendors, email);
            vendors.updatePerson(personId, "{\"city\":\"London\"}"); // not mapped yet: nothing moves
            try (Response r = put(http, set(new String[][] {
                    {"email", "emailaddress1", "emailaddress1"}, {"lastName", "lastname", "lastname"},
                    {"city", "address1_city", "address1_city"}}))) {
                assertEquals(200, r.getStatus());
            }
            long deadline = System.currentTimeMillis() + 60_000;
            String city = city(vendors, personId);
            while (!"Paris".equals(city)) {
                assertTrue(System.currentTimeMillis() < deadline, "city not filled from Dynamics within 60 s: " + city);
                Thread.sleep(1000);
                city = city(vendors, personId);
            }
            assertEquals("Paris", city, "Dynamics wins the first fill");
        }
    }

    private static long awaitPerson(SandboxVendors vendors, String email) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        List<JsonObject> found = vendors.personsBy("email", email);
        while (found.isEmpty()) {
            assertTrue(System.currentTimeMillis() < deadline, "no person created for " + email + " within 60 s");
            Thread.sleep(1000);
            found = vendors.personsBy("email", email);
        }
        return found.get(0).getJsonNumber("id").longValue();
    }

    private static String city(SandboxVendors vendors, long personId) {
        return vendors.person(personId).orElseThrow().getString("city", null);
    }

    private static Response put(Http http, JsonObject body) {
        return http.target("api/field-mappings").request(MediaType.APPLICATION_JSON).put(Entity.json(body));
    }

    private static JsonObject set(String[][] rows) {
        JsonArrayBuilder mappings = Json.createArrayBuilder();
        for (String[] row : rows) {
            var m = Json.createObjectBuilder().add("marketoField", row[0]);
            if (row[1] == null) {
                m.addNull("leadField");
            } else {
                m.add("leadField", row[1]);
            }
            if (row[2] == null) {
                m.addNull("contactField");
            } else {
                m.add("contactField", row[2]);
            }
            mappings.add(m);
        }
        return Json.createObjectBuilder().add("mappings", mappings).build();
    }

    private static JsonObject find(JsonArray rows, String key, String value) {
        return rows.getValuesAs(JsonObject.class).stream().filter(o -> value.equals(o.getString(key))).findFirst()
                .orElseThrow(() -> new AssertionError(value + " not in " + rows));
    }
}
