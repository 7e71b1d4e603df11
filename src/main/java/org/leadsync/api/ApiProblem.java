package org.leadsync.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An API failure that already knows its status and error body (docs/api.md); thrown by resources. */
public class ApiProblem extends WebApplicationException {

    public ApiProblem(int status, String error, String message) {
        this(status, new ApiError(error, message, null));
    }

    public ApiProblem(int status, String error, String message, List<ApiError.Detail> details) {
        this(status, new ApiError(error, message, details));
    }

    private ApiProblem(int status, ApiError body) {
        super(body.message(), Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
    }

    public static ApiProblem badRequest(String field, String message) {
        return new ApiProblem(400, "bad-request", message, List.of(new ApiError.Detail(field, message)));
    }
}
