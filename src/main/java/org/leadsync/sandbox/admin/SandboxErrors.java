package org.leadsync.sandbox.admin;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.leadsync.sandbox.SandboxProblem;

/**
 * Every failure under /sandbox leaves as a JSON body, never a stack trace or an HTML page; a body the
 * binder cannot read is the client's mistake (400). The sandbox has its own mapper because it depends on
 * nothing of the product (docs/architecture.md).
 */
@Provider
public class SandboxErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(SandboxErrors.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            Response original = web.getResponse();
            if (original.hasEntity()) {
                return original;
            }
            int status = original.getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(SandboxProblem.body(status >= 500 ? "server-error" : "client-error",
                            known == null ? "Error" : known.getReasonPhrase(), null));
            original.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(value -> answer.header(name, value));
                }
            });
            return answer.build();
        }
        if (failure instanceof JsonbException || failure instanceof JsonException || failure instanceof ProcessingException) {
            return SandboxProblem.badRequest("body", "The request body is not the JSON this endpoint takes").getResponse();
        }
        LOG.log(Level.SEVERE, "Sandbox failure", failure);
        return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE)
                .entity(SandboxProblem.body("internal-error", "The sandbox could not answer; the server log has the details.", null))
                .build();
    }
}
