package org.leadsync.sandbox;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request to the sandbox's own admin endpoints (docs/sandbox.md, Admin API), with the JSON error
 * body `{"error", "message", "field"}`. The vendor endpoints answer in their vendor's own error formats.
 */
public class SandboxProblem extends WebApplicationException {

    public SandboxProblem(int status, String error, String message, String field) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(error, message, field)).build());
    }

    public static SandboxProblem badRequest(String field, String message) {
        return new SandboxProblem(400, "bad-request", message, field);
    }

    public static Map<String, Object> body(String error, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}
