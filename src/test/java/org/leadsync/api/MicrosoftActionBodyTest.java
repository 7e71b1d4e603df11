package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.flowaction.CampaignRequest;
import org.leadsync.flowaction.ChangeOwnerRequest;
import org.leadsync.flowaction.CreateTaskRequest;
import org.leadsync.flowaction.MicrosoftAction;

/** The other flow actions' webhook bodies, read field by field; each refusal names its field (docs/api.md, Other flow actions). */
class MicrosoftActionBodyTest {

    @Test
    void aTaskTakesItsDefaultsAndMarketosEmptyFieldsAreAbsent() {
        assertEquals(new CreateTaskRequest(7, "Call back", null, 1, 5, null),
                MicrosoftActionBody.from(MicrosoftAction.CREATE_TASK, json("{\"leadId\": 7, \"subject\": \" Call back \", \"owner\": \"\","
                        + " \"priority\": null, \"dueInDays\": \"\", \"comments\": null}")));
        assertEquals(new CreateTaskRequest(7, "Call", "ann@contoso.example", 2, 30, "Asked for a demo"),
                MicrosoftActionBody.from(MicrosoftAction.CREATE_TASK, json("{\"leadId\": 7, \"subject\": \"Call\", \"owner\": \"ann@contoso.example\","
                        + " \"priority\": \"High\", \"dueInDays\": \"30\", \"comments\": \"Asked for a demo\"}")), "a numeric token Marketo quoted counts");
    }

    @Test
    void ownerAndCampaign() {
        assertEquals(new ChangeOwnerRequest(3, "9f3c5a2e-0c1d-4e7b-9a57-3f1c2d4b5e6f"), MicrosoftActionBody.from(MicrosoftAction.CHANGE_OWNER,
                json("{\"leadId\": 3, \"owner\": \"9f3c5a2e-0c1d-4e7b-9a57-3f1c2d4b5e6f\"}")));
        assertEquals(new CampaignRequest(3, MicrosoftAction.REMOVE_FROM_CAMPAIGN, "Webinar"), MicrosoftActionBody.from(
                MicrosoftAction.REMOVE_FROM_CAMPAIGN, json("{\"leadId\": 3, \"campaign\": \"Webinar\"}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            change-owner-in-microsoft      | {"leadId": 1}                                   | owner
            change-owner-in-microsoft      | {"leadId": 1, "owner": ""}                      | owner
            change-owner-in-microsoft      | {"leadId": 1, "owner": 12}                      | owner
            change-owner-in-microsoft      | {"owner": "a@b.example"}                        | leadId
            change-owner-in-microsoft      | {"leadId": "1", "owner": "a@b.example"}         | leadId
            change-owner-in-microsoft      | {"leadId": 1, "owner": "a@b.example", "x": 1}   | x
            create-task-in-microsoft       | {"leadId": 1}                                   | subject
            create-task-in-microsoft       | {"leadId": 1, "subject": "s", "priority": "urgent"} | priority
            create-task-in-microsoft       | {"leadId": 1, "subject": "s", "priority": 2}    | priority
            create-task-in-microsoft       | {"leadId": 1, "subject": "s", "dueInDays": -1}  | dueInDays
            create-task-in-microsoft       | {"leadId": 1, "subject": "s", "dueInDays": 1.5} | dueInDays
            create-task-in-microsoft       | {"leadId": 1, "subject": "s", "dueInDays": 3651} | dueInDays
            create-task-in-microsoft       | {"leadId": 1, "subject": "s\\u0001"}            | subject
            add-to-microsoft-campaign      | {"leadId": 1}                                   | campaign
            remove-from-microsoft-campaign | {"leadId": 1, "campaign": ["a"]}                | campaign
            remove-from-microsoft-campaign | {"leadId": 1, "campaign": "a", "owner": "b"}    | owner
            """)
    void refusalsNameTheField(String action, String body, String field) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> MicrosoftActionBody.from(MicrosoftAction.byPath(action).orElseThrow(), json(body)));
        assertEquals(400, problem.getResponse().getStatus());
        ApiError error = (ApiError) problem.getResponse().getEntity();
        assertEquals(field, error.details().get(0).field(), error.toString());
    }

    @Test
    void aSubjectLongerThanDynamicsTakesIsRefused() {
        String subject = "s".repeat(MicrosoftActionBody.MAX_SUBJECT + 1);
        ApiProblem problem = assertThrows(ApiProblem.class, () -> MicrosoftActionBody.from(MicrosoftAction.CREATE_TASK,
                json("{\"leadId\": 1, \"subject\": \"" + subject + "\"}")));
        assertEquals("subject", ((ApiError) problem.getResponse().getEntity()).details().get(0).field());
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
