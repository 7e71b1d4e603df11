package org.leadsync.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure leaves as docs/api.md's error body, never as a stack trace or an HTML page. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    /** Headers a client needs to act on the error (which methods, how to log in, when to retry). */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER);

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            Response original = web.getResponse();
            if (original.hasEntity() && original.getEntity() instanceof ApiError) {
                return original;
            }
            int status = original.getStatus();
            Response.ResponseBuilder answer = Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(codeFor(status), messageFor(original, status)));
            for (String header : KEPT_HEADERS) {
                original.getStringHeaders().getOrDefault(header, List.of()).forEach(value -> answer.header(header, value));
            }
            return answer.build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure answering a request", failure);
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("internal-error", "LeadSync could not complete the request; the server log has the details."))
                .build();
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "server-error" : "client-error";
        };
    }

    private static String messageFor(Response original, int status) {
        return messageFor(status, original.getHeaderString(HttpHeaders.ALLOW));
    }

    /** The sentence for a status the runtime chose; `allow` is the Allow header of a 405 (may be null). */
    static String messageFor(int status, String allow) {
        return switch (status) {
            case 400 -> "The request could not be read: check its headers, parameters and body.";
            case 404 -> "No such resource.";
            case 405 -> allow == null || allow.isBlank() ? "This path does not take that method."
                    : "This path does not take that method; allowed: " + allow + ".";
            case 406 -> "This path cannot answer in the media type asked for (Accept).";
            case 413 -> "The request body is larger than " + JsonBodyReading.MAX_BYTES + " bytes.";
            case 415 -> "Send the body as application/json.";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield (known == null ? "Error" : known.getReasonPhrase()) + ".";
            }
        };
    }
}
