package org.leadsync.sandbox.marketo;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leadsync.sandbox.JsonFactory;
import org.leadsync.sandbox.SandboxProblem;

/**
 * POST /sandbox/admin/marketo/refuse-paging-token (docs/sandbox.md, Control): the next activity reads that
 * carry a paging token are refused as Marketo refuses a token it no longer knows. Body optional:
 * `{"count": 1, "code": "1003"}`.
 */
@Path("admin/marketo/refuse-paging-token")
@Produces(MediaType.APPLICATION_JSON)
public class MarketoPagingTokenResource {

    @Inject
    MarketoSandbox sandbox;

    @POST
    public Map<String, Object> refuse(String body) {
        int count = 1;
        String code = MarketoSandbox.INVALID_DATA;
        if (body != null && !body.isBlank()) {
            JsonObject request;
            try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(body))) {
                request = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                throw SandboxProblem.badRequest("body", "The body must be a JSON object: {\"count\": n, \"code\": \"1003\"}");
            }
            for (String key : request.keySet()) {
                if (!key.equals("count") && !key.equals("code")) {
                    throw SandboxProblem.badRequest(key, "Unknown key '" + key + "'; only count and code are read");
                }
            }
            JsonValue n = request.get("count");
            if (n != null && n.getValueType() != JsonValue.ValueType.NULL) {
                if (n.getValueType() != JsonValue.ValueType.NUMBER || !request.getJsonNumber("count").isIntegral()
                        || request.getJsonNumber("count").longValue() < 1 || request.getJsonNumber("count").longValue() > 1_000_000) {
                    throw SandboxProblem.badRequest("count", "count must be a whole number from 1 to 1000000");
                }
                count = request.getInt("count");
            }
            JsonValue c = request.get("code");
            if (c != null && c.getValueType() != JsonValue.ValueType.NULL) {
                if (c.getValueType() != JsonValue.ValueType.STRING || !request.getString("code").matches("\\d{3,4}")) {
                    throw SandboxProblem.badRequest("code", "code must be a Marketo error code, 3 or 4 digits as a string");
                }
                code = request.getString("code");
            }
        }
        sandbox.refuseNextPagingTokens(count, code);
        return state(code);
    }

    @GET
    public Map<String, Object> armed() {
        return state(null);
    }

    private Map<String, Object> state(String code) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("remaining", sandbox.pagingTokenRefusalsLeft());
        if (code != null) {
            out.put("code", code);
        }
        out.put("refused", sandbox.stats().get("pagingTokensRefused"));
        return out;
    }
}
