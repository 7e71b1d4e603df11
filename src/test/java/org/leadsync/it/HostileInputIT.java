package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against every endpoint of docs/api.md, table-driven: wrong methods, media types and bodies (broken,
 * deep, huge, NUL bytes), bad parameters, wrong-case and unknown paths, bad headers and credentials, plus the same
 * container-level mistakes on /sandbox and on the open paths (console, health, metrics, OpenAPI). Requests go over a
 * raw socket, so nothing is normalised on the way: the request line, headers and framing are exactly as listed.
 * <p>
 * Every answer under /api must be a 4xx with docs/api.md's error body (JSON `{"error","message","details"?}`, never a
 * stack trace); under /sandbox a 4xx with the sandbox's JSON error body; on the open paths anything but a 5xx. A few
 * requests are refused by Payara's HTTP connector before the application sees them (TRACE while the listener's
 * trace-enabled is off, NUL or backslash in the path): for those a 4xx without a stack trace, and the error body if
 * there is a body. Afterwards nothing may have been written: the field mappings and the pause flag are unchanged, and
 * the only activity entries are the webhook's documented `rejected` entries.
 * <p>
 * Runs on H2 (failsafe execution `default`) and on PostgreSQL (`sync-rules-postgresql`, tag `postgresql`), where a
 * NUL byte or an out-of-range instant reaching SQL used to be a 500.
 */
@Tag("postgresql")
@ExtendWith(HostileInputIT.OnEitherDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends DeployedLeadSync {

    /** The person the webhook bodies name: unknown to the sandbox, so only this test writes about them. */
    static final long PERSON = 7_000_000_000L + new Random().nextInt(1_000_000);
    static final int MAX_BODY = 1 << 20;

    private static final String WEBHOOK = "api/flow-actions/sync-person-to-microsoft";
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(\\bat (org|java|jakarta|com|fish|sun|jdk)\\.[\\w.$]+\\()|Caused by:|\\tat |Exception:|\\.java:\\d+\\)");
    private static final Set<String> ERROR_KEYS = Set.of("error", "message", "details");

    private static JsonObject mappingsBefore;
    private static boolean pausedBefore;
    private static long lastErrorBefore;
    private static final AtomicInteger SENT = new AtomicInteger();

    // ---- the table -------------------------------------------------------------------------------------------

    enum Who { ADMIN, VIEWER, WEBHOOK, NONE }

    /** What kind of answer a row must get. */
    enum Kind {
        /** a 4xx with docs/api.md's error body */
        API,
        /** a 4xx with the sandbox's JSON error body */
        SANDBOX,
        /** refused by the HTTP connector before the app: a 4xx, no stack trace, the error body if any body */
        CONNECTOR,
        /** the console, health, metrics, OpenAPI: their own formats, but never a 5xx or a stack trace */
        OPEN
    }

    enum Framing { NONE, LENGTH, CHUNKED, CLAIMED }

    /** One hostile request and what its answer must be. */
    static final class Req {
        final String method;
        final String target;
        Who who = Who.ADMIN;
        final List<String[]> headers = new ArrayList<>();
        byte[] body;
        Framing framing = Framing.NONE;
        long claimed;
        Kind kind = Kind.API;
        int status;
        String error;
        String field;
        String label = "";

        Req(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Req as(Who caller) {
            who = caller;
            return this;
        }

        Req header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Req json(String text) {
            return body("application/json", text.getBytes(StandardCharsets.UTF_8));
        }

        Req body(String contentType, byte[] bytes) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            body = bytes;
            framing = Framing.LENGTH;
            return this;
        }

        Req chunked() {
            framing = Framing.CHUNKED;
            return this;
        }

        /** Sends a Content-Length of `length` but only the body given: the answer must not wait for the rest. */
        Req claims(long length) {
            framing = Framing.CLAIMED;
            claimed = length;
            return this;
        }

        Req kind(Kind expected) {
            kind = expected;
            return this;
        }

        Req expect(int expectedStatus, String expectedError) {
            status = expectedStatus;
            error = expectedError;
            return this;
        }

        Req field(String expectedField) {
            field = expectedField;
            return this;
        }

        Req label(String text) {
            label = text;
            return this;
        }

        @Override
        public String toString() {
            String shown = target.length() > 90 ? target.substring(0, 90) + "..." : target;
            return (method + " " + shown + (label.isEmpty() ? "" : " | " + label)).replaceAll("\\p{Cntrl}", "?");
        }
    }

    static Req req(String method, String target) {
        return new Req(method, target);
    }

    /** The endpoints of docs/api.md and the methods each takes (HEAD comes with GET; OPTIONS is answered everywhere). */
    static final Map<String, Set<String>> ENDPOINTS = endpoints();

    private static Map<String, Set<String>> endpoints() {
        Map<String, Set<String>> endpoints = new LinkedHashMap<>();
        endpoints.put(WEBHOOK, Set.of("POST"));
        endpoints.put("api/fields", Set.of("GET", "HEAD"));
        endpoints.put("api/field-mappings", Set.of("GET", "HEAD", "PUT"));
        endpoints.put("api/persons/" + PERSON + "/activities", Set.of("GET", "HEAD"));
        endpoints.put("api/sync/errors", Set.of("GET", "HEAD"));
        endpoints.put("api/sync/status", Set.of("GET", "HEAD"));
        endpoints.put("api/sync/pause", Set.of("POST"));
        endpoints.put("api/sync/resume", Set.of("POST"));
        return endpoints;
    }

    static final List<String> BODY_ENDPOINTS = List.of(WEBHOOK, "api/field-mappings", "api/sync/pause", "api/sync/resume");
    static final List<String> GET_ENDPOINTS = List.of("api/fields", "api/field-mappings", "api/persons/" + PERSON + "/activities",
            "api/sync/errors", "api/sync/status");

    static Stream<Req> cases() {
        List<Req> all = new ArrayList<>();
        wrongMethods(all);
        wrongMediaTypes(all);
        badBodies(all);
        badParameters(all);
        badPaths(all);
        badHeadersAndCredentials(all);
        connectorLevel(all);
        sandbox(all);
        openPaths(all);
        return all.stream();
    }

    private static void wrongMethods(List<Req> all) {
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "FOO", "PROPFIND", "M-SEARCH");
        ENDPOINTS.forEach((path, allowed) -> {
            for (String method : methods) {
                if (allowed.contains(method)) {
                    continue;
                }
                Req r = req(method, path).as(caller(path)).expect(405, "method-not-allowed");
                if (Set.of("POST", "PUT", "PATCH").contains(method)) {
                    r.json("{}");
                }
                all.add(r);
            }
        });
    }

    private static void wrongMediaTypes(List<Req> all) {
        List<String> types = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/json", "application/jsonx", "foo", "/", "application/json; charset=klingon",
                "application/json, text/plain", "");
        for (String path : BODY_ENDPOINTS) {
            for (String type : types) {
                all.add(req(method(path), path).as(caller(path)).body(type, "{}".getBytes(StandardCharsets.UTF_8))
                        .expect(415, "unsupported-media-type").label("Content-Type '" + type + "'"));
            }
            all.add(req(method(path), path).as(caller(path)).header("Content-Type", "text/plain")
                    .body("application/json", "{}".getBytes(StandardCharsets.UTF_8)).expect(415, "unsupported-media-type")
                    .label("two Content-Type headers"));
        }
        for (String path : GET_ENDPOINTS) {
            all.add(req("GET", path).header("Content-Type", "foo").expect(415, "unsupported-media-type")
                    .label("Content-Type foo on a read"));
        }
    }

    private static void badBodies(List<Req> all) {
        for (String path : BODY_ENDPOINTS) {
            Who who = caller(path);
            String m = method(path);
            for (String broken : List.of("{", "{} {}", "nope", "[1,]", "{\"a\":1,}", "null", "[]", "\"x\"", "0", "true",
                    "{\"a\":\"unterminated}", "{'a':1}", "{\"a\":01}", "{\"a\":NaN}")) {
                all.add(req(m, path).as(who).json(broken).expect(400, "bad-request").field("body").label("body " + broken));
            }
            all.add(req(m, path).as(who).body("application/json", new byte[] {'{', 0, '}'}).expect(400, "bad-request")
                    .field("body").label("raw NUL byte"));
            all.add(req(m, path).as(who).body("application/json", new byte[] {'{', '"', (byte) 0xC3, '(', '"', ':', '1', '}'})
                    .expect(400, "bad-request").label("invalid UTF-8"));
            all.add(req(m, path).as(who).body("application/json", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'})
                    .expect(400, "bad-request").label("byte order mark"));
            all.add(req(m, path).as(who).json(nested("[", "]", 65)).expect(400, "bad-request").field("body").label("65 arrays deep"));
            all.add(req(m, path).as(who).json(nested("{\"a\":", "}", 65)).expect(400, "bad-request").field("body")
                    .label("65 objects deep"));
            all.add(req(m, path).as(who).json(nested("[", "]", 1001)).expect(400, "bad-request").field("body")
                    .label("1001 arrays deep"));
            all.add(req(m, path).as(who).json(nested("{\"a\":", "}", 1001)).expect(400, "bad-request").field("body")
                    .label("1001 objects deep"));
            all.add(req(m, path).as(who).json(nested("[", "]", 200_000)).expect(400, "bad-request").field("body")
                    .label("200000 arrays deep"));
            all.add(req(m, path).as(who).json("[".repeat(300_000)).expect(400, "bad-request").field("body")
                    .label("300000 unclosed arrays"));
            all.add(req(m, path).as(who).json("{\"mappings\":" + nested("[", "]", 70) + "}").expect(400, "bad-request")
                    .field("body").label("deep inside a field"));
            all.add(req(m, path).as(who).json("{\"x\":\"" + "a".repeat(900_000) + "\"}").expect(400, "bad-request")
                    .label("900 kB string"));
            all.add(req(m, path).as(who).json("{\"leadId\":" + "9".repeat(5000) + "}").expect(400, "bad-request")
                    .label("5000-digit number"));
            all.add(req(m, path).as(who).json("{\"leadId\":1e999999999}").expect(400, "bad-request").label("1e999999999"));
            all.add(req(m, path).as(who).json("{\"\\u0000\":1}").expect(400, "bad-request").label("NUL key"));
            all.add(req(m, path).as(who).json("{\"" + "k".repeat(20_000) + "\":1}").expect(400, "bad-request")
                    .label("20000-character key"));
            // size: the body is capped at 1 MiB whatever its type, and a declared length is checked before reading
            all.add(req(m, path).as(who).json("[" + " ".repeat(MAX_BODY - 1) + "]").expect(413, "payload-too-large")
                    .label("JSON of 1 MiB + 1"));
            all.add(req(m, path).as(who).body("text/plain", new byte[MAX_BODY + 1]).expect(413, "payload-too-large")
                    .label("text of 1 MiB + 1"));
            all.add(req(m, path).as(who).body("application/octet-stream", new byte[3 * MAX_BODY]).chunked()
                    .expect(413, "payload-too-large").label("chunked 3 MiB"));
            all.add(req(m, path).as(who).json("[" + " ".repeat(MAX_BODY) + "]").chunked().expect(413, "payload-too-large")
                    .label("chunked JSON of 1 MiB + 2"));
            all.add(req(m, path).as(who).json("{").chunked().expect(400, "bad-request").field("body").label("chunked broken JSON"));
            all.add(req(m, path).as(who).json("{}").claims(99_999_999_999L).expect(413, "payload-too-large")
                    .label("Content-Length 99999999999"));
            all.add(req(m, path).as(who).json("{}").claims(MAX_BODY + 1).expect(413, "payload-too-large")
                    .label("Content-Length 1 MiB + 1"));
        }
        String hook = WEBHOOK;
        for (String body : List.of("{}", "{\"leadId\":null}", "{\"leadId\":\"12\"}", "{\"leadId\":0}", "{\"leadId\":-5}",
                "{\"leadId\":2.5}", "{\"leadId\":1e999999999}", "{\"leadId\":-1e999999999}", "{\"leadId\":[1]}",
                "{\"leadId\":9223372036854775808}")) {
            all.add(req("POST", hook).as(Who.WEBHOOK).json(body).expect(400, "bad-request").field("leadId").label(body));
        }
        for (String[] refusal : new String[][] {
                {"\"syncAs\":\"account\"", "syncAs"}, {"\"syncAs\":\"\\u0000\"", "syncAs"}, {"\"syncAs\":[\"lead\"]", "syncAs"},
                {"\"assignTo\":\"bob\"", "assignTo"}, {"\"assignTo\":\"\\u0000\"", "assignTo"},
                {"\"assignTo\":\"9f3c5a2e-0c1d-4e7b-9a57-3f1c2d4b5e6f\\u0000\"", "assignTo"}, {"\"extra\":true", "extra"},
                {"\"\\u0000\":1", null}, {"\"" + "x".repeat(10_000) + "\":1", null}}) {
            all.add(req("POST", hook).as(Who.WEBHOOK).json("{\"leadId\":" + PERSON + "," + refusal[0] + "}")
                    .expect(400, "bad-request").field(refusal[1]).label("person, " + shortened(refusal[0])));
        }
        String mappings = "api/field-mappings";
        String email = "{\"marketoField\":\"email\",\"leadField\":\"emailaddress1\",\"contactField\":\"emailaddress1\"}";
        for (String[] refusal : new String[][] {
                {"{}", "bad-request", "mappings"}, {"{\"mappings\":null}", "bad-request", "mappings"},
                {"{\"mappings\":\"x\"}", "bad-request", null}, {"{\"mappings\":[1]}", "bad-request", null},
                {"{\"mappings\":[{\"marketoField\":1}]}", null, null},
                {"{\"mappings\":[" + email + "],\"warnings\":[]}", "bad-request", "warnings"},
                {"{\"mappings\":[],\"extra\":1}", "bad-request", "extra"},
                {"{\"mappings\":[]}", "invalid-field-mappings", null},
                {"{\"mappings\":[{\"marketoField\":\"\\u0000\",\"leadField\":\"emailaddress1\"}]}", "invalid-field-mappings", null},
                {"{\"mappings\":[" + email + ",{\"marketoField\":\"id\",\"leadField\":\"subject\"}]}", "invalid-field-mappings", null},
                {"{\"mappings\":[" + email + ",{\"marketoField\":\"company\",\"leadField\":\"companyname\\u0000\"}]}",
                        "invalid-field-mappings", null},
                {"{\"mappings\":[" + (email + ",").repeat(2) + email + "]}", "invalid-field-mappings", null},
                {"{\"mappings\":[" + "{\"marketoField\":\"nope\"},".repeat(20_000) + email + "]}", "invalid-field-mappings", null}}) {
            all.add(req("PUT", mappings).json(refusal[0]).expect(400, refusal[1]).field(refusal[2]).label(shortened(refusal[0])));
        }
        for (String path : List.of("api/sync/pause", "api/sync/resume")) {
            for (String body : List.of("{\"paused\":true}", "{\"\":1}", "{\"\\u0000\":null}", "{\"a\":{}}")) {
                all.add(req("POST", path).json(body).expect(400, "bad-request").label(body));
            }
        }
    }

    private static void badParameters(List<Req> all) {
        String errors = "api/sync/errors?";
        for (String code : List.of("%00", "%01", "%1F", "%7F", "%C2%80", "a%00b", "%0D%0A", "x".repeat(65), "x".repeat(64) + "%00")) {
            all.add(req("GET", errors + "errorCode=" + code).expect(400, "bad-request").field("errorCode"));
        }
        for (String since : List.of("%2B200000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "%2B10000-01-01T00:00:00Z", "%00", "2026-11-25T10:00:00Z%00", "yesterday", "2026-11-25",
                "2026-13-45T99:99:99Z", "2026-11-25T10:00:00", "2026-11-25T10:00:00%2B99:00", "%2B999999999-12-31T23:59:59Z")) {
            all.add(req("GET", errors + "since=" + since).expect(400, "bad-request").field("since"));
        }
        for (String direction : List.of("%00", "TO-DYNAMICS", "sideways", "to-dynamics%00")) {
            all.add(req("GET", errors + "direction=" + direction).expect(400, "bad-request").field("direction"));
        }
        for (String limit : List.of("0", "-1", "1001", "abc", "1e3", "%00", "99999999999999999999", "1.5", "5%00")) {
            all.add(req("GET", errors + "limit=" + limit).expect(400, "bad-request").field("limit"));
        }
        for (String query : List.of("errorCode=%00", "since=%2B200000-01-01T00:00:00Z", "limit=0")) {
            all.add(req("GET", errors + query).header("Accept", "text/csv").expect(400, "bad-request").label("as CSV"));
        }
        for (String id : List.of("0", "-1", "abc", "99999999999999999999", "1.5", "%20", "1%2F2", "%C3%A9", "1%01")) {
            all.add(req("GET", "api/persons/" + id + "/activities").expect(400, "bad-request").field("leadId"));
        }
        String activities = "api/persons/" + PERSON + "/activities?";
        for (String limit : List.of("0", "201", "abc", "%00")) {
            all.add(req("GET", activities + "limit=" + limit).expect(400, "bad-request").field("limit"));
        }
        for (String before : List.of("0", "abc", "%00", "-5", "999999999999")) {
            all.add(req("GET", activities + "before=" + before).expect(400, "bad-request").field("before"));
        }
        for (String refresh : List.of("maybe", "%00", "1")) {
            all.add(req("GET", "api/fields?refresh=" + refresh).expect(400, "bad-request").field("refresh"));
        }
    }

    private static void badPaths(List<Req> all) {
        for (String path : List.of("/API", "/API/", "/Api/sync/status", "/API/SYNC/STATUS", "/aPi/field-mappings",
                "/api/SYNC/status", "/api/sync/Status", "/api/nope", "/api/sync/status/extra",
                "/api/persons/1/activities/extra", "/api/sync", "/api/%2e%2e/x", "/api/sync/../../x", "/api/Fields")) {
            all.add(req("GET", path).expect(404, "not-found"));
        }
        all.add(req("POST", "/API/sync/pause").json("{}").expect(404, "not-found"));
        all.add(req("POST", "/Api/sync/resume").expect(404, "not-found"));
        all.add(req("PUT", "/API/field-mappings").json("{\"mappings\":[]}").expect(404, "not-found"));
        all.add(req("DELETE", "/Api/field-mappings").expect(404, "not-found"));
        all.add(req("POST", "/Api/flow-actions/sync-person-to-microsoft").as(Who.WEBHOOK).json("{\"leadId\":" + PERSON + "}")
                .expect(404, "not-found"));
        all.add(req("POST", "/api/flow-actions/sync-person-to-Microsoft").as(Who.WEBHOOK).json("{\"leadId\":" + PERSON + "}")
                .expect(404, "not-found"));
        all.add(req("GET", "/API").as(Who.NONE).expect(404, "not-found").label("no credentials"));
        all.add(req("GET", "/api/nope").as(Who.NONE).expect(401, "unauthorized").label("no credentials"));
    }

    private static void badHeadersAndCredentials(List<Req> all) {
        for (String path : List.of("api/sync/status", "api/sync/errors", "api/field-mappings", "api/persons/" + PERSON + "/activities")) {
            all.add(req("GET", path).header("Accept", "////").expect(400, "bad-request").field("Accept"));
            all.add(req("GET", path).header("Accept", "text/csv;q=abc").expect(400, "bad-request").field("Accept"));
            all.add(req("GET", path).header("Accept", "text/html;q=5").expect(400, "bad-request").field("Accept"));
            all.add(req("GET", path).header("Accept", "foo"));
            all.add(req("GET", path).header("Accept", "application/xml").expect(406, "not-acceptable"));
            all.add(req("GET", path).header("Accept", "image/png").expect(406, "not-acceptable"));
        }
        for (String path : List.of("api/sync/pause", "api/field-mappings", WEBHOOK)) {
            all.add(req(method(path), path).as(caller(path)).header("Content-Type", "application/json")
                    .header("Transfer-Encoding", "gzip").label("Transfer-Encoding gzip").expect(400, "bad-request")
                    .field("Transfer-Encoding"));
        }
        String admin = Http.setting("leadsync.admin.user", "admin");
        for (String authorization : List.of("Basic %%%", "Bearer abc", "Basic " + base64(admin + ":"),
                "Basic " + base64(admin + ":\u0000"), "Basic " + base64(admin + ":x".repeat(2000)), "Basic", "Digest username=admin")) {
            all.add(req("POST", "api/sync/pause").as(Who.NONE).header("Authorization", authorization).json("{}")
                    .expect(401, "unauthorized").label("Authorization " + shortened(authorization)));
        }
        all.add(req("POST", "api/sync/pause").as(Who.VIEWER).json("{}").expect(403, "forbidden").label("viewer"));
        all.add(req("POST", "api/sync/resume").as(Who.VIEWER).expect(403, "forbidden").label("viewer"));
        all.add(req("PUT", "api/field-mappings").as(Who.VIEWER).json("{\"mappings\":[]}").expect(403, "forbidden").label("viewer"));
        all.add(req("POST", WEBHOOK).as(Who.NONE).json("{\"leadId\":" + PERSON + "}").expect(401, "unauthorized").label("no key"));
        all.add(req("POST", WEBHOOK).as(Who.NONE).header("X-Api-Key", "wrong").json("{\"leadId\":" + PERSON + "}")
                .expect(401, "unauthorized").label("wrong key"));
        all.add(req("POST", WEBHOOK).as(Who.ADMIN).json("{\"leadId\":" + PERSON + "}").expect(401, "unauthorized")
                .label("Basic instead of the key"));
    }

    private static void connectorLevel(List<Req> all) {
        all.add(req("TRACE", "api/sync/status").kind(Kind.CONNECTOR));
        all.add(req("TRACE", "api/field-mappings").kind(Kind.CONNECTOR));
        all.add(req("TRACE", WEBHOOK).as(Who.WEBHOOK).kind(Kind.CONNECTOR));
        all.add(req("TRACE", "API").kind(Kind.CONNECTOR));
        all.add(req("TRACE", "sandbox/admin/stats").as(Who.NONE).kind(Kind.CONNECTOR));
        all.add(req("GET", "api/persons/%00/activities").kind(Kind.CONNECTOR));
        all.add(req("GET", "api/sync/errors%00").kind(Kind.CONNECTOR));
        all.add(req("GET", "api/persons/1%5C2/activities").kind(Kind.CONNECTOR));
        all.add(req("GET", "api/persons/%C0%AE/activities").kind(Kind.CONNECTOR));
        // Payara's connector refuses a GET that carries a body (400, empty) before any filter runs
        all.add(req("GET", "api/sync/status").body("foo", "x".getBytes(StandardCharsets.UTF_8)).kind(Kind.CONNECTOR)
                .label("GET with a body"));
        all.add(req("GET", "api/sync/errors").claims(99_999_999_999L).kind(Kind.CONNECTOR).label("GET claiming a huge body"));
    }

    private static void sandbox(List<Req> all) {
        all.add(req("PUT", "sandbox/admin/faults").as(Who.NONE).body("foo", "{}".getBytes(StandardCharsets.UTF_8))
                .kind(Kind.SANDBOX).expect(400, "bad-request"));
        all.add(req("GET", "sandbox/admin/stats").as(Who.NONE).header("Accept", "////").kind(Kind.SANDBOX).expect(400, "bad-request"));
        all.add(req("FOO", "sandbox/admin/stats").as(Who.NONE).kind(Kind.SANDBOX).expect(405, "method-not-allowed"));
        all.add(req("DELETE", "sandbox/admin/stats").as(Who.NONE).kind(Kind.SANDBOX).expect(405, "method-not-allowed"));
        all.add(req("PUT", "sandbox/admin/faults").as(Who.NONE).json(nested("[", "]", 5000)).kind(Kind.SANDBOX).expect(400, null));
        all.add(req("POST", "sandbox/admin/seed").as(Who.NONE).json("{").kind(Kind.SANDBOX).expect(400, null));
        all.add(req("GET", "/SANDBOX/admin/stats").as(Who.NONE).kind(Kind.SANDBOX).expect(404, "not-found"));
        all.add(req("GET", "/Sandbox").as(Who.NONE).kind(Kind.SANDBOX).expect(404, "not-found"));
        all.add(req("GET", "sandbox/nope").as(Who.NONE).kind(Kind.SANDBOX).expect(404, "not-found"));
    }

    private static void openPaths(List<Req> all) {
        for (String path : List.of("", "index.html", "health", "health/live", "health/ready", "metrics", "openapi")) {
            all.add(req("FOO", path).as(Who.NONE).kind(Kind.OPEN));
            all.add(req("PATCH", path).as(Who.NONE).json("{}").kind(Kind.OPEN));
            all.add(req("DELETE", path).as(Who.NONE).kind(Kind.OPEN));
            all.add(req("PUT", path).as(Who.NONE).body("foo", "x".getBytes(StandardCharsets.UTF_8)).kind(Kind.OPEN));
            all.add(req("POST", path).as(Who.NONE).json(nested("[", "]", 5000)).kind(Kind.OPEN));
            all.add(req("GET", path).as(Who.NONE).header("Accept", "////").kind(Kind.OPEN));
            all.add(req("GET", path + "?x=%00&y=%C0").as(Who.NONE).kind(Kind.OPEN));
        }
    }

    private static Who caller(String path) {
        return path.equals(WEBHOOK) ? Who.WEBHOOK : Who.ADMIN;
    }

    private static String method(String bodyEndpoint) {
        return bodyEndpoint.equals("api/field-mappings") ? "PUT" : "POST";
    }

    private static String nested(String open, String close, int depth) {
        return open.repeat(depth) + close.repeat(depth);
    }

    private static String shortened(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the tests -------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void beforeTheHostileRequests() {
        // Payara ignores a failing post-boot command and would quietly stay on H2 (as SyncRulesIT r00 guards too)
        String database = "postgresql".equals(System.getProperty("leadsync.it.sync")) ? "PostgreSQL" : "H2";
        try (jakarta.ws.rs.core.Response r = http.get("/health/ready")) {
            String health = r.readEntity(String.class);
            assertTrue(health.contains("\"product\":\"" + database + "\""), "expected " + database + ": " + health);
        }
        mappingsBefore = http.getJson("api/field-mappings");
        pausedBefore = sync.status().getBoolean("paused");
        lastErrorBefore = lastErrorId();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(2)
    void everyBadRequestGetsACleanAnswer(Req r) throws IOException {
        Answer answer = exchange(base, r);
        SENT.incrementAndGet();
        String text = new String(answer.body, StandardCharsets.UTF_8);
        String where = r + " answered " + answer.status + " " + answer.headers + ": " + shortened(text.replace('\n', ' '));
        assertFalse(STACK_TRACE.matcher(text).find(), "a stack trace: " + where);
        assertTrue(answer.status < 500, "a server error: " + where);
        if (r.kind == Kind.OPEN) {
            return;
        }
        assertTrue(answer.status >= 400, "not refused: " + where);
        if (r.status != 0) {
            assertEquals(r.status, answer.status, where);
        }
        if (answer.status == 405 && r.kind != Kind.CONNECTOR) {
            assertNotNull(answer.header("allow"), "405 without Allow: " + where);
        }
        if (answer.status == 401 && r.who != Who.WEBHOOK && !r.target.contains("flow-actions")) {
            assertEquals("Basic realm=\"LeadSync\"", answer.header("www-authenticate"), where);
        }
        if (r.method.equals("HEAD")) {
            assertEquals(0, answer.body.length, "HEAD answered with a body: " + where);
            return;
        }
        if (r.kind == Kind.CONNECTOR && answer.body.length == 0) {
            return; // refused by Payara's HTTP connector before the application saw it (see the class comment)
        }
        String type = answer.header("content-type");
        assertNotNull(type, "no Content-Type: " + where);
        assertTrue(type.toLowerCase(Locale.ROOT).startsWith("application/json"), "not JSON: " + where);
        JsonObject error = parse(text, where);
        if (r.kind == Kind.SANDBOX) {
            assertSandboxError(error, r, where);
        } else {
            assertApiError(error, r, where);
        }
    }

    @Test
    @Order(3)
    void nothingWasWritten() {
        boolean pausedAfter = sync.status().getBoolean("paused");
        if (pausedAfter != pausedBefore) {
            // put it back before failing, so later tests on the same database are not left paused
            http.post(pausedBefore ? "api/sync/pause" : "api/sync/resume").close();
        }
        assertEquals(pausedBefore, pausedAfter, "a hostile request toggled the pause flag");
        assertEquals(mappingsBefore, http.getJson("api/field-mappings"), "a hostile request changed the field mappings");
        JsonArray entries = http.getJson("api/persons/" + PERSON + "/activities?limit=200").getJsonArray("activities");
        for (JsonValue value : entries) {
            JsonObject entry = value.asJsonObject();
            assertEquals("sync-person-to-microsoft", entry.getString("type"), "only the webhook's own entries: " + entry);
            assertEquals("rejected", entry.getString("outcome"), "only refusals were sent: " + entry);
        }
        assertTrue(entries.size() <= webhookCallsNamingThePerson(), entries.size() + " entries for the person");
        JsonArray errors = http.getJson("api/sync/errors?limit=1000").getJsonArray("errors");
        for (JsonValue value : errors) {
            JsonObject row = value.asJsonObject();
            if (row.getJsonNumber("id").longValue() > lastErrorBefore) {
                assertFalse(!row.isNull("leadId") && row.getJsonNumber("leadId").longValue() == PERSON, "a failure was logged: " + row);
                assertFalse("flow-action".equals(row.isNull("operation") ? null : row.getString("operation")),
                        "a flow action failed: " + row);
            }
        }
        System.out.printf("HostileInputIT: %d hostile requests answered on %s%n", SENT.get(),
                System.getProperty("leadsync.it.sync", "h2 (default)"));
    }

    private static long webhookCallsNamingThePerson() {
        return cases().filter(r -> r.target.equals(WEBHOOK) && r.body != null
                && new String(r.body, StandardCharsets.UTF_8).contains(String.valueOf(PERSON))).count();
    }

    private long lastErrorId() {
        JsonArray errors = http.getJson("api/sync/errors?limit=1").getJsonArray("errors");
        return errors.isEmpty() ? 0 : errors.getJsonObject(0).getJsonNumber("id").longValue();
    }

    private static void assertApiError(JsonObject error, Req r, String where) {
        assertTrue(ERROR_KEYS.containsAll(error.keySet()), "keys beyond error, message, details: " + where);
        assertTrue(error.get("error") instanceof JsonString code && code.getString().matches("[a-z][a-z-]*"), "error: " + where);
        assertTrue(error.get("message") instanceof JsonString message && !message.getString().isBlank(), "message: " + where);
        if (r.error != null) {
            assertEquals(r.error, error.getString("error"), where);
        }
        if (error.containsKey("details")) {
            assertTrue(error.get("details") instanceof JsonArray details && !details.isEmpty(), "details: " + where);
            for (JsonValue detail : error.getJsonArray("details")) {
                JsonObject entry = detail.asJsonObject();
                assertEquals(Set.of("field", "message"), entry.keySet(), "a detail: " + where);
                assertTrue(entry.get("field") instanceof JsonString || entry.isNull("field"), "a detail's field: " + where);
                assertTrue(entry.get("message") instanceof JsonString, "a detail's message: " + where);
            }
        }
        if (r.field != null) {
            assertTrue(error.containsKey("details"), "no details naming " + r.field + ": " + where);
            assertEquals(r.field, error.getJsonArray("details").getJsonObject(0).getString("field"), where);
        }
    }

    private static void assertSandboxError(JsonObject error, Req r, String where) {
        assertTrue(Set.of("error", "message", "field", "details").containsAll(error.keySet()), "keys: " + where);
        assertTrue(error.get("error") instanceof JsonString, "error: " + where);
        assertTrue(error.get("message") instanceof JsonString, "message: " + where);
        if (r.error != null) {
            assertEquals(r.error, error.getString("error"), where);
        }
    }

    private static JsonObject parse(String text, String where) {
        try {
            return Json.createReader(new StringReader(text)).readObject();
        } catch (JsonParsingException | ClassCastException e) {
            return fail("not a JSON object: " + where);
        }
    }

    // ---- a raw HTTP/1.1 exchange -----------------------------------------------------------------------------

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** Sends the request exactly as listed (one connection, `Connection: close`) and reads the whole answer. */
    static Answer exchange(URL base, Req r) throws IOException {
        String prefix = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
        String target = r.target.startsWith("/") ? prefix.substring(0, prefix.length() - 1) + r.target : prefix + r.target;
        StringBuilder head = new StringBuilder(r.method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        switch (r.who) {
            case ADMIN -> head.append("Authorization: Basic ").append(base64(Http.setting("leadsync.admin.user", "admin") + ":"
                    + Http.setting("leadsync.admin.password", null))).append("\r\n");
            case VIEWER -> head.append("Authorization: Basic ").append(base64(Http.setting("leadsync.viewer.user", null) + ":"
                    + Http.setting("leadsync.viewer.password", null))).append("\r\n");
            case WEBHOOK -> head.append("X-Api-Key: ").append(Http.setting("leadsync.webhook.api-key", null)).append("\r\n");
            case NONE -> {
            }
        }
        for (String[] header : r.headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        switch (r.framing) {
            case LENGTH -> head.append("Content-Length: ").append(r.body.length).append("\r\n");
            case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
            case CLAIMED -> head.append("Content-Length: ").append(r.claimed).append("\r\n");
            case NONE -> {
            }
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (r.framing == Framing.CHUNKED) {
                    for (int at = 0; at < r.body.length; at += 65_536) {
                        int size = Math.min(65_536, r.body.length - at);
                        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(r.body, at, size);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (r.body != null) {
                    out.write(r.body);
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer (413) and close before the whole body is sent: read what it said
            }
            return read(socket.getInputStream(), r.method.equals("HEAD"));
        }
    }

    /**
     * Reads until the answer is complete (its Content-Length, its last chunk, or the end of the connection): after an
     * early 413 the server may keep the connection open for a while to swallow a body that will never come.
     */
    private static Answer read(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65_536];
        Answer answer = null;
        try {
            for (int n; (answer = complete(all.toByteArray(), head)) == null && (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        if (answer == null) {
            answer = parseAnswer(all.toByteArray(), head, true);
        }
        if (answer == null) {
            throw new IOException("no complete answer: " + new String(all.toByteArray(), StandardCharsets.ISO_8859_1));
        }
        return answer;
    }

    private static Answer complete(byte[] raw, boolean head) {
        return parseAnswer(raw, head, false);
    }

    /** The answer in `raw`, or null while it is incomplete (unless `ended`: then whatever body there is). */
    private static Answer parseAnswer(byte[] raw, boolean head, boolean ended) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            return null;
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head || status == 204 || status == 304) {
            return new Answer(status, headers, new byte[0]);
        }
        List<String> coding = headers.getOrDefault("transfer-encoding", List.of());
        if (coding.stream().anyMatch(c -> c.equalsIgnoreCase("chunked"))) {
            byte[] body = dechunk(rest);
            return body != null || ended ? new Answer(status, headers, body == null ? new byte[0] : body) : null;
        }
        List<String> length = headers.getOrDefault("content-length", List.of());
        if (!length.isEmpty()) {
            int n = Integer.parseInt(length.get(0));
            return rest.length >= n || ended ? new Answer(status, headers, java.util.Arrays.copyOf(rest, Math.min(n, rest.length))) : null;
        }
        return ended ? new Answer(status, headers, rest) : null;
    }

    /** The body of a chunked answer, or null until its last chunk has arrived. */
    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int eol = indexOf(java.util.Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (eol < 0) {
                return null;
            }
            int size = Integer.parseInt(new String(body, at, eol, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            if (at + eol + 2 + size > body.length) {
                return null;
            }
            out.write(body, at + eol + 2, size);
            at += eol + 2 + size + 2;
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Runs in the default execution (H2) and in `sync-rules-postgresql`, where, like the sync-rule tests
     * ({@link SyncRulesDatabase}), it needs the PostgreSQL database dropped and created before Payara boots, and is
     * skipped outside CI when PostgreSQL is not there.
     */
    static final class OnEitherDatabase implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if ("postgresql".equals(System.getProperty("leadsync.it.sync"))) {
                return new SyncRulesDatabase().evaluateExecutionCondition(context);
            }
            return ConditionEvaluationResult.enabled("on the execution's database");
        }
    }
}
