package org.leadsync.flowaction;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * One call of another flow action (docs/api.md, Other flow actions): the person and the action's parameters.
 * The call is recorded under {@link #callKey()}, the action and a digest of its parameters, so the same call
 * twice while the first is pending is one call, and two calls with different parameters are two.
 */
public sealed interface ActionRequest permits ChangeOwnerRequest, CreateTaskRequest, CampaignRequest {

    long leadId();

    MicrosoftAction action();

    /** The parameters as JSON, in a fixed order (what the call row keeps, what the digest covers). */
    JsonObject parameters();

    default String callKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(parameters().toString().getBytes(StandardCharsets.UTF_8));
            return action().path() + "/" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The action of a call key, or empty for Sync Person to Microsoft's. */
    static java.util.Optional<MicrosoftAction> actionOf(String callKey) {
        int slash = callKey.indexOf('/');
        return slash < 0 ? java.util.Optional.empty() : MicrosoftAction.byPath(callKey.substring(0, slash));
    }

    /** The request a call row holds, as it was accepted. */
    static ActionRequest of(MicrosoftAction action, long leadId, String parameters) {
        JsonObject p;
        try (var reader = Json.createReader(new StringReader(parameters))) {
            p = reader.readObject();
        }
        return switch (action) {
            case CHANGE_OWNER -> new ChangeOwnerRequest(leadId, text(p, "owner"));
            case CREATE_TASK -> new CreateTaskRequest(leadId, text(p, "subject"), text(p, "owner"), p.getInt("priority"),
                    p.getInt("dueInDays"), text(p, "comments"));
            case ADD_TO_CAMPAIGN, REMOVE_FROM_CAMPAIGN -> new CampaignRequest(leadId, action, text(p, "campaign"));
        };
    }

    private static String text(JsonObject p, String name) {
        JsonValue v = p.get(name);
        return v instanceof JsonString s ? s.getString() : v instanceof JsonNumber n ? n.toString() : null;
    }

    /** A JSON object of these entries in order, nulls left out. */
    static JsonObject json(Map<String, Object> entries) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        entries.forEach((name, value) -> {
            if (value instanceof Integer i) {
                out.add(name, i);
            } else if (value != null) {
                out.add(name, value.toString());
            }
        });
        return out.build();
    }
}
