package org.leadsync.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation failures as 400 with one `details` entry per violation. More specific than the runtime's own
 * ValidationException mapper, so it wins over it.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException failure) {
        List<ApiError.Detail> details = failure.getConstraintViolations().stream()
                .map(v -> new ApiError.Detail(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.Detail::field))
                .toList();
        String message = details.size() == 1 ? details.get(0).field() + ": " + details.get(0).message()
                : details.size() + " values are not valid; see details.";
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("bad-request", message, details))
                .build();
    }

    /** The last named node: `sync.arg0.leadId` names `leadId`, which is what the client sent. */
    static String fieldOf(ConstraintViolation<?> violation) {
        String field = "body";
        if (violation.getPropertyPath() != null) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getName() != null && !node.getName().isBlank()
                        && node.getKind() != jakarta.validation.ElementKind.METHOD) {
                    field = node.getName();
                }
            }
        }
        return field;
    }
}
