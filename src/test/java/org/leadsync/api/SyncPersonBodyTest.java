package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.flowaction.CreateDefaults;
import org.leadsync.flowaction.SyncPersonRequest;
import org.leadsync.port.CrmEntity;

/** The webhook body of R15 is read field by field; each refusal names its field (docs/api.md: 400 naming the field). */
class SyncPersonBodyTest {

    @Test
    void defaultsToALeadWithoutOwner() {
        SyncPersonRequest request = SyncPersonBody.from(json("{\"leadId\": 1234}"));
        assertEquals(1234, request.leadId());
        assertEquals(CrmEntity.LEAD, request.syncAs());
        assertNull(request.assignTo());
    }

    @Test
    void readsContactAndOwner() {
        SyncPersonRequest request = SyncPersonBody.from(json(
                "{\"leadId\": 7, \"syncAs\": \"contact\", \"assignTo\": \"9F3C5A2E-0C1D-4E7B-9A57-3F1C2D4B5E6F\"}"));
        assertEquals(CrmEntity.CONTACT, request.syncAs());
        assertEquals("9f3c5a2e-0c1d-4e7b-9a57-3f1c2d4b5e6f", request.assignTo());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {}                                   | leadId
            {"leadId": "12"}                     | leadId
            {"leadId": 0}                        | leadId
            {"leadId": 2.5}                      | leadId
            {"leadId": 12, "syncAs": "account"}  | syncAs
            {"leadId": 12, "syncAs": 3}          | syncAs
            {"leadId": 12, "assignTo": "bob"}    | assignTo
            {"leadId": 12, "assignTo": "a@b@c"}  | assignTo
            {"leadId": 12, "assignTo": 7}        | assignTo
            {"leadId": 12, "extra": true}        | extra
            [12]                                 | body
            {"leadId": 12, "person": "a@x.com"}  | person
            {"leadId": 12, "person": [1]}        | person
            {"leadId": 12, "person": {"tags": ["a"]}}   | person.tags
            {"leadId": 12, "person": {"address": {}}}   | person.address
            {"leadId": 12, "person": {"": "x"}}  | person.
            """)
    void refusalsNameTheField(String body, String field) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> SyncPersonBody.from(json(body)));
        assertEquals(400, problem.getResponse().getStatus());
        ApiError error = (ApiError) problem.getResponse().getEntity();
        assertEquals(field, error.details().get(0).field(), error.toString());
    }

    @Test
    void thePersonFieldsOfTheTemplateAreReadAsMarketoFilledThemIn() {
        SyncPersonRequest request = SyncPersonBody.from(json("{\"leadId\": 5, \"person\": {\"email\": \"a@x.com\", "
                + "\"firstName\": \"\", \"lastName\": null, \"numberOfEmployees\": 120, \"unsubscribed\": false, "
                + "\"annualRevenue\": 1e999999999}}"));
        Map<String, String> person = new java.util.HashMap<>();
        person.put("email", "a@x.com");
        person.put("firstName", null); // Marketo sends an empty field as "" or null: both are empty
        person.put("lastName", null);
        person.put("numberOfEmployees", "120");
        person.put("unsubscribed", "false");
        person.put("annualRevenue", "1E+999999999"); // the number as written, never expanded to its digits
        assertEquals(person, request.person());
        assertEquals(true, request.carries(java.util.List.of("email", "firstName", "lastName")));
        assertEquals(false, request.carries(java.util.List.of("email", "title")), "a field the payload lacks: read the person");
        assertEquals(false, SyncPersonBody.from(json("{\"leadId\": 5}")).carries(java.util.List.of()), "no payload fields at all");
    }

    @Test
    void createDefaultsParseAttrValuePairs() {
        assertEquals(Map.of("subject", "Marketo lead", "leadsourcecode", "8"),
                CreateDefaults.parse("subject=Marketo lead, leadsourcecode=8"));
        assertEquals(Map.of(), CreateDefaults.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> CreateDefaults.parse("subject"));
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }
}
