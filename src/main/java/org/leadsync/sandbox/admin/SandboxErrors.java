package org.leadsync.sandbox.admin;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.leadsync.sandbox.SandboxProblem;

/**
 * Every failure under /sandbox leaves as a JSON body, never a stack trace or an HTML page; a body the
 * binder cannot read is the client's mistake (400). The sandbox has its own mapper because it depends on
 * nothing of the product (docs/architecture.md). What the servlet container would answer itself is covered by
 * {@link ContainerAnswers}.
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
                    .entity(SandboxProblem.body(codeFor(status), known == null ? "Error" : known.getReasonPhrase(), null));
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

    /** The error codes of docs/api.md (Error body) for the statuses the runtime chooses. */
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

    /**
     * The servlet-level edge of /sandbox, for what the container would answer with an HTML page: a path that looks
     * like the sandbox in another case (`/SANDBOX/x`, 404) and the runtime's {@code sendError} (an unreadable
     * Content-Type or Accept header, 400). Both get the sandbox's JSON error body. Kept here, beside the mapper, so
     * the sandbox needs nothing of the product (LeadSync's own /api has ApiBoundary).
     */
    @WebFilter(filterName = "SandboxContainerAnswers", urlPatterns = "/*", asyncSupported = true)
    public static class ContainerAnswers extends HttpFilter {

        static final String SANDBOX = "/sandbox";

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (SANDBOX.equals(request.getServletPath())) {
                chain.doFilter(request, new JsonErrors(request, response));
                return;
            }
            String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
            String raw = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
            if (looksLikeSandbox(raw) || looksLikeSandbox(request.getServletPath())) {
                write(request, response, 404, "not-found", "No such sandbox resource. Paths are case-sensitive; the "
                        + "sandbox is under " + request.getContextPath() + SANDBOX + "/.");
                return;
            }
            chain.doFilter(request, response);
        }

        static boolean looksLikeSandbox(String path) {
            if (path == null) {
                return false;
            }
            String lower = path.toLowerCase(Locale.ROOT);
            return lower.equals(SANDBOX) || lower.startsWith(SANDBOX + "/") || lower.startsWith(SANDBOX + ";");
        }

        static void write(HttpServletRequest request, HttpServletResponse response, int status, String error, String message)
                throws IOException {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_JSON);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            if ("HEAD".equals(request.getMethod())) {
                response.flushBuffer();
                return;
            }
            byte[] body = Json.createObjectBuilder().add("error", error).add("message", message).build().toString()
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        }
    }

    /** The runtime's {@code sendError} as the sandbox's JSON error body instead of the container's HTML page. */
    static final class JsonErrors extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        JsonErrors(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String ignored) throws IOException {
            if (isCommitted()) {
                super.sendError(status);
                return;
            }
            resetBuffer();
            Response.Status known = Response.Status.fromStatusCode(status);
            String message = status == 400 ? "The request could not be read: check its headers (Content-Type, Accept), "
                    + "parameters and body." : known == null ? "Error" : known.getReasonPhrase();
            ContainerAnswers.write(request, (HttpServletResponse) getResponse(), status, codeFor(status), message);
        }
    }
}
