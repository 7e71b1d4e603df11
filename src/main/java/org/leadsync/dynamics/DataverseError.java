package org.leadsync.dynamics;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadsync.connector.JsonFactory;
import org.leadsync.port.DynamicsValidationFailed;

/** Dataverse's `{"error":{"code","message"}}`, and the attribute its message names when it names one. */
record DataverseError(String code, String message, String attribute) {

    private static final Pattern[] NAMING = {
        Pattern.compile("'(\\w+)' attribute"),
        Pattern.compile("property named '(\\w+)'"),
        Pattern.compile("'(\\w+)' property"),
        Pattern.compile("of '(\\w+)' on record"),
    };

    static DataverseError parse(int status, String body) {
        String code = "";
        String message = "HTTP " + status;
        try (var reader = JsonFactory.JSON.createReader(new StringReader(body == null ? "" : body))) {
            JsonObject error = reader.readObject().getJsonObject("error");
            code = error.getString("code", "");
            message = error.getString("message", message);
        } catch (RuntimeException notJson) {
            if (body != null && !body.isBlank()) {
                message = message + ": " + body;
            }
        }
        return new DataverseError(code, message, attributeIn(message));
    }

    static String attributeIn(String message) {
        for (Pattern pattern : NAMING) {
            Matcher m = pattern.matcher(message);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    DynamicsValidationFailed asValidationFailure() {
        return new DynamicsValidationFailed(code, message, attribute);
    }
}
