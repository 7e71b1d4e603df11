package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * $batch error handling (Web API, "Execute batch operations using the Web API", Handling errors):
 * without `Prefer: odata.continue-on-error` the batch stops at the first failure and answers with
 * that error; with it, every request runs and the batch answers 200.
 */
class DataverseBatchStopOnErrorTest {

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})", Pattern.MULTILINE);
    private static final String TOO_LONG = "x".repeat(51);

    private final WebApiCalls dv = new WebApiCalls();

    private static String part(String method, String url, String json) {
        return String.join("\r\n", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "",
                method + " " + url + " HTTP/1.1", "Content-Type: application/json; type=entry", "", json == null ? "" : json);
    }

    private static String body(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            out.append("--batch_X\r\n").append(p).append("\r\n");
        }
        return out.append("--batch_X--\r\n").toString();
    }

    private static String changeSet(String... parts) {
        StringBuilder out = new StringBuilder("Content-Type: multipart/mixed; boundary=changeset_Y\r\n\r\n");
        int id = 1;
        for (String p : parts) {
            out.append("--changeset_Y\r\n").append(p.replaceFirst("\r\n\r\n", "\r\nContent-ID: " + id++ + "\r\n\r\n")).append("\r\n");
        }
        return out.append("--changeset_Y--").toString();
    }

    private WebApiResponse run(boolean continueOnError, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "multipart/mixed; boundary=\"batch_X\"");
        if (continueOnError) {
            headers.put("Prefer", "odata.continue-on-error");
        }
        return dv.batch.execute(WebApiCalls.request("POST", "$batch", headers, body));
    }

    private static List<Integer> statuses(WebApiResponse r) {
        List<Integer> out = new ArrayList<>();
        Matcher m = STATUS.matcher(r.body());
        while (m.find()) {
            out.add(Integer.valueOf(m.group(1)));
        }
        return out;
    }

    private int leads() {
        return dv.store.table("leads").size();
    }

    private final String threeCreatesSecondFails = body(
            part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"One\"}"),
            part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"" + TOO_LONG + "\"}"),
            part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"Three\"}"));

    @Test
    void withoutContinueOnErrorTheBatchStopsAndAnswersWithTheFailuresStatus() {
        WebApiResponse r = run(false, threeCreatesSecondFails);
        assertEquals(400, r.status(), "the error of the failing request is returned for the batch");
        assertEquals(List.of(204, 400), statuses(r), "responses up to and including the failure, none after");
        assertTrue(r.body().contains("0x80044331"), r.body());
        assertTrue(r.headers().get("Content-Type").startsWith("multipart/mixed; boundary=batchresponse_"));
        assertNull(r.headers().get("Preference-Applied"));
        assertEquals(1, leads(), "the request after the failure is not executed");
    }

    @Test
    void withContinueOnErrorEveryRequestRunsAndTheBatchIs200() {
        WebApiResponse r = run(true, threeCreatesSecondFails);
        assertEquals(200, r.status());
        assertEquals(List.of(204, 400, 204), statuses(r));
        assertEquals("odata.continue-on-error", r.headers().get("Preference-Applied"));
        assertEquals(2, leads());
    }

    @Test
    void aFailingChangeSetIsUndoneAndStopsTheBatch() {
        String body = body(
                changeSet(part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"In set\"}"),
                        part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"" + TOO_LONG + "\"}")),
                part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"After\"}"));
        WebApiResponse r = run(false, body);
        assertEquals(400, r.status());
        assertEquals(List.of(400), statuses(r), "one error answers for the set; the part after it is not run");
        assertEquals(0, leads(), "the set's earlier create is rolled back");
        WebApiResponse continued = run(true, body);
        assertEquals(200, continued.status());
        assertEquals(List.of(400, 204), statuses(continued));
        assertEquals(1, leads());
    }

    @Test
    void theBatchTakesTheStatusOfTheRequestThatFailed() {
        String missing = UUID.randomUUID().toString();
        WebApiResponse r = run(false, body(
                part("GET", "/api/data/v9.2/leads?$top=1", null),
                part("DELETE", "/api/data/v9.2/leads(" + missing + ")", null),
                part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"Never\"}")));
        assertEquals(404, r.status());
        assertEquals(List.of(200, 404), statuses(r));
        assertEquals(0, leads());
    }

    @Test
    void aBatchWithoutFailuresIs200EitherWay() {
        String body = body(part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"A\"}"),
                changeSet(part("POST", "/api/data/v9.2/leads", "{\"lastname\":\"B\"}"),
                        part("PATCH", "$1", "{\"firstname\":\"Bee\"}")));
        WebApiResponse r = run(false, body);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(204, 204, 204), statuses(r));
        assertEquals(2, leads());
    }
}
