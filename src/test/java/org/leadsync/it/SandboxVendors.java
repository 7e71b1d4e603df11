package org.leadsync.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The tests' own hands on the sandbox's vendor APIs (docs/sandbox.md): they change persons, leads and contacts the way
 * Marketo and Dynamics users would, and read both systems back, over HTTP with the documented wire formats.
 * java.net.http because Jersey's default connector cannot PATCH on Java 17.
 */
public final class SandboxVendors {

    /** Every person field the rule tests read back. */
    public static final String PERSON_FIELDS = "email,firstName,lastName,company,title,phone,city,msftType,msftId,msftIsDeleted,updatedAt";
    private static final String DATA = "sandbox/dynamics/api/data/v9.2/";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;
    private String marketoToken;
    private String dynamicsToken;

    public SandboxVendors(URL deployment) {
        this.root = deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/";
    }

    // ---- Marketo --------------------------------------------------------------------------------------------

    /** Creates a person (createOnly) from a JSON object of Marketo fields; answers its id. */
    public long createPerson(String fieldsJson) {
        JsonObject result = syncOne("createOnly", "email", fieldsJson);
        if (!"created".equals(result.getString("status"))) {
            throw new AssertionError("Marketo did not create " + fieldsJson + ": " + result);
        }
        return result.getJsonNumber("id").longValue();
    }

    /** Updates a person by id with a JSON object of Marketo fields (without the id). */
    public void updatePerson(long id, String fieldsJson) {
        String body = "{\"id\":" + id + "," + fieldsJson.trim().substring(1);
        JsonObject result = syncOne("updateOnly", "id", body);
        if (!"updated".equals(result.getString("status"))) {
            throw new AssertionError("Marketo did not update person " + id + ": " + result);
        }
    }

    /** Updates many persons by id, 300 per call as Marketo takes them; each record a JSON object with its "id". */
    public void updatePersons(List<String> recordsJson) {
        for (int from = 0; from < recordsJson.size(); from += 300) {
            List<String> chunk = recordsJson.subList(from, Math.min(recordsJson.size(), from + 300));
            JsonObject answer = marketo("POST", "rest/v1/leads.json",
                    "{\"action\":\"updateOnly\",\"lookupField\":\"id\",\"input\":[" + String.join(",", chunk) + "]}");
            check(answer, "updateOnly of " + chunk.size() + " persons");
        }
    }

    /** POST /sandbox/admin/seed (docs/sandbox.md, Seed). */
    public JsonObject seed(String requestJson) {
        HttpResponse<String> r = send("POST", "sandbox/admin/seed", null, requestJson, "application/json");
        if (r.statusCode() != 200) {
            throw new AssertionError("Seed refused: HTTP " + r.statusCode() + " " + r.body());
        }
        return read(r.body());
    }

    public void deletePerson(long id) {
        JsonObject answer = marketo("POST", "rest/v1/leads/delete.json", "{\"input\":[{\"id\":" + id + "}]}");
        check(answer, "delete person " + id);
    }

    public Optional<JsonObject> person(long id) {
        JsonObject answer = marketo("GET", "rest/v1/leads.json?filterType=id&filterValues=" + id + "&fields=" + PERSON_FIELDS, null);
        List<JsonObject> rows = rows(check(answer, "read person " + id));
        return rows.stream().findFirst();
    }

    public List<JsonObject> personsBy(String filterType, String value) {
        JsonObject answer = marketo("GET", "rest/v1/leads.json?filterType=" + filterType + "&filterValues="
                + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&fields=" + PERSON_FIELDS, null);
        return rows(check(answer, "find persons by " + filterType));
    }

    /** Any successful Marketo GET under `rest/v1/` (sales persons, a person's chosen fields...). */
    public JsonObject marketoGet(String pathAndQuery) {
        return check(marketo("GET", "rest/v1/" + pathAndQuery, null), "GET " + pathAndQuery);
    }

    /** Custom activities of `typeId` on a person (R20's push), reading the activity stream from its start. */
    public List<JsonObject> customActivities(long personId, int typeId) {
        String token = check(marketo("GET", "rest/v1/activities/pagingtoken.json?sinceDatetime=2000-01-01T00:00:00Z", null),
                "get a paging token").getString("nextPageToken");
        List<JsonObject> found = new java.util.ArrayList<>();
        for (int page = 0; page < 500; page++) {
            JsonObject answer = check(marketo("GET", "rest/v1/activities.json?activityTypeIds=" + typeId + "&leadIds=" + personId
                    + "&nextPageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8), null), "list activities");
            found.addAll(rows(answer));
            if (!answer.getBoolean("moreResult", false)) {
                break;
            }
            token = answer.getString("nextPageToken");
        }
        return found;
    }

    private JsonObject syncOne(String action, String lookupField, String recordJson) {
        JsonObject answer = marketo("POST", "rest/v1/leads.json",
                "{\"action\":\"" + action + "\",\"lookupField\":\"" + lookupField + "\",\"input\":[" + recordJson + "]}");
        return check(answer, action).getJsonArray("result").getJsonObject(0);
    }

    private JsonObject marketo(String method, String path, String json) {
        if (marketoToken == null) {
            JsonObject token = read(send("GET", "sandbox/marketo/identity/oauth/token?grant_type=client_credentials"
                    + "&client_id=sandbox-client&client_secret=sandbox-secret", null, null, null).body());
            marketoToken = token.getString("access_token");
        }
        // the tests share Marketo's call budget with the running sync: back off on 606/615 as any client must, and
        // go on when Marketo takes the call (the event), however long the sync's calls keep the window full
        JsonObject[] answer = new JsonObject[1];
        SyncWatch.await("Marketo to take " + method + " " + path + " (606/615: call budget used up)", () -> {
            HttpResponse<String> r = send(method, "sandbox/marketo/" + path, "Bearer " + marketoToken, json, "application/json");
            if (r.statusCode() != 200) {
                throw new AssertionError(method + " " + path + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            answer[0] = read(r.body());
            return !rateLimited(answer[0]);
        }, () -> String.valueOf(answer[0]), Duration.ofMillis(500));
        return answer[0];
    }

    private static boolean rateLimited(JsonObject answer) {
        return !answer.getBoolean("success", false) && answer.containsKey("errors")
                && answer.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> "606".equals(e.getString("code", "")) || "615".equals(e.getString("code", "")));
    }

    private static JsonObject check(JsonObject answer, String what) {
        if (!answer.getBoolean("success", false)) {
            throw new AssertionError("Marketo refused to " + what + ": " + answer);
        }
        return answer;
    }

    private static List<JsonObject> rows(JsonObject answer) {
        JsonArray result = answer.containsKey("result") ? answer.getJsonArray("result") : JsonValue.EMPTY_JSON_ARRAY;
        return result.getValuesAs(JsonObject.class);
    }

    // ---- Dynamics -------------------------------------------------------------------------------------------

    /** Creates a row in `set` (leads, contacts) from a JSON object of attributes; answers its id. */
    public String create(String set, String attributesJson) {
        HttpResponse<String> r = dynamics("POST", set, attributesJson);
        if (r.statusCode() != 204) {
            throw new AssertionError("Dynamics did not create in " + set + ": HTTP " + r.statusCode() + " " + r.body());
        }
        String entityId = r.headers().firstValue("OData-EntityId").orElseThrow();
        return entityId.substring(entityId.lastIndexOf('(') + 1, entityId.length() - 1).toLowerCase();
    }

    public void update(String set, String id, String attributesJson) {
        HttpResponse<String> r = dynamics("PATCH", set + "(" + id + ")", attributesJson);
        if (r.statusCode() != 204) {
            throw new AssertionError("Dynamics did not update " + set + "(" + id + "): HTTP " + r.statusCode() + " " + r.body());
        }
    }

    public void delete(String set, String id) {
        HttpResponse<String> r = dynamics("DELETE", set + "(" + id + ")", null);
        if (r.statusCode() != 204) {
            throw new AssertionError("Dynamics did not delete " + set + "(" + id + "): HTTP " + r.statusCode() + " " + r.body());
        }
    }

    public Optional<JsonObject> row(String set, String id) {
        HttpResponse<String> r = dynamics("GET", set + "(" + id + ")", null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("Dynamics did not read " + set + "(" + id + "): HTTP " + r.statusCode() + " " + r.body());
        }
        return Optional.of(read(r.body()));
    }

    /** Rows of `set` whose emailaddress1 equals `email`. */
    public List<JsonObject> rowsByEmail(String set, String email) {
        String filter = URLEncoder.encode("emailaddress1 eq '" + email + "'", StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r = dynamics("GET", set + "?$filter=" + filter, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("Dynamics did not list " + set + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return read(r.body()).getJsonArray("value").getValuesAs(JsonObject.class);
    }

    /** Every row of `set` (first page), e.g. the systemusers an owner can be picked from. */
    public List<JsonObject> rows(String set) {
        HttpResponse<String> r = dynamics("GET", set, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("Dynamics did not list " + set + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return read(r.body()).getJsonArray("value").getValuesAs(JsonObject.class);
    }

    /** QualifyLead into a contact only, as a Dynamics user does (R16); answers the new contact's id. */
    public String qualify(String leadId) {
        HttpResponse<String> r = dynamics("POST", "leads(" + leadId + ")/Microsoft.Dynamics.CRM.QualifyLead",
                "{\"CreateAccount\":false,\"CreateContact\":true,\"CreateOpportunity\":false,\"Status\":3}");
        if (r.statusCode() != 200) {
            throw new AssertionError("QualifyLead failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return read(r.body()).getJsonArray("value").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.containsKey("contactid")).map(o -> o.getString("contactid").toLowerCase())
                .findFirst().orElseThrow(() -> new AssertionError("QualifyLead created no contact: " + r.body()));
    }

    private HttpResponse<String> dynamics(String method, String path, String json) {
        if (dynamicsToken == null) {
            HttpResponse<String> r = send("POST", "sandbox/dynamics/it-tenant/oauth2/v2.0/token", null,
                    "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret&scope=https%3A%2F%2Forg%2F.default",
                    "application/x-www-form-urlencoded");
            dynamicsToken = read(r.body()).getString("access_token");
        }
        return send(method, DATA + path, "Bearer " + dynamicsToken, json, "application/json");
    }

    // ---- Sandbox control ------------------------------------------------------------------------------------

    /** PUT /sandbox/admin/faults, e.g. {"system":"marketo","marketoError":"606","count":3}. */
    public void fault(String faultJson) {
        HttpResponse<String> r = send("PUT", "sandbox/admin/faults", null, faultJson, "application/json");
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("Fault not armed: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** DELETE (gone) or PUT (back) /sandbox/admin/dynamics/columns/{entity}/{attribute}: a customer's schema change. */
    public void column(String entity, String attribute, boolean present) {
        HttpResponse<String> r = send(present ? "PUT" : "DELETE", "sandbox/admin/dynamics/columns/" + entity + "/" + attribute,
                null, null, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("Column not changed: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    public void clearFaults() {
        send("DELETE", "sandbox/admin/faults", null, null, null);
    }

    /** POST /sandbox/admin/marketo/refuse-paging-token: the next `count` reads with a paging token are refused. */
    public void refusePagingTokens(int count) {
        HttpResponse<String> r = send("POST", "sandbox/admin/marketo/refuse-paging-token", null, "{\"count\":" + count + "}", "application/json");
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("Refusal not armed: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    public void businessRule(String ruleJson) {
        HttpResponse<String> r = send("POST", "sandbox/admin/dynamics/business-rules", null, ruleJson, "application/json");
        if (r.statusCode() != 201) {
            throw new AssertionError("Business rule not added: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    public void clearBusinessRules() {
        send("DELETE", "sandbox/admin/dynamics/business-rules", null, null, null);
    }

    public JsonObject stats() {
        return read(send("GET", "sandbox/admin/stats", null, null, null).body());
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String method, String path, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null && body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject read(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
