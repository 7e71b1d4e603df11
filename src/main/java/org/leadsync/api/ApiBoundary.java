package org.leadsync.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servlet-level edge of /api (docs/api.md, Conventions and Error body). JAX-RS answers most mistakes with the
 * error body itself; this filter covers what would otherwise be answered by the container, before or around JAX-RS:
 * <ul>
 * <li>a path that looks like the API but is not mapped to it (`/API`, `/Api/x`, `/api/%2e%2e/x`): 404 with the
 * error body instead of the container's HTML page;</li>
 * <li>a body over {@link #MAX_BODY} bytes, in any media type: 413 from Content-Length before anything is read, or
 * after reading at most that much of a chunked body;</li>
 * <li>an unreadable Content-Type (415), Accept (400) or Transfer-Encoding (400) header, which the runtime would answer
 * with an HTML page;</li>
 * <li>anything the runtime still answers with {@code sendError} or an exception that escapes JAX-RS: the error body.</li>
 * </ul>
 * Outside /api it only turns a method the servlet API does not know (answered 501 by the container) into 405, and
 * refuses TRACE (the default servlet would echo the request, credentials included, if the connector let TRACE in).
 * The console, health, metrics and OpenAPI keep their own formats. /sandbox has its own filter (SandboxErrors).
 */
@WebFilter(filterName = "ApiBoundary", urlPatterns = "/*", asyncSupported = true)
public class ApiBoundary extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ApiBoundary.class.getName());

    /** The largest request body under /api, any media type (docs/api.md: 1 MiB). */
    static final int MAX_BODY = JsonBodyReading.MAX_BYTES;
    /** The servlet mapping of the JAX-RS application (ApiApplication's @ApplicationPath). */
    static final String API = "/api";
    /** Methods HttpServlet answers itself; any other is 501 there, which is a client mistake, so 405. */
    private static final Set<String> SERVLET_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE");
    private static final String READ_ONLY = "GET, HEAD, OPTIONS";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (API.equals(request.getServletPath())) {
            guarded(request, response, chain);
            return;
        }
        if (looksLikeApi(rawPath(request)) || looksLikeApi(request.getServletPath())) {
            write(request, response, 404, new ApiError("not-found", "No such resource. Paths are case-sensitive; the API is under "
                    + request.getContextPath() + API + "/.", null));
            return;
        }
        if (isSandbox(request)) {
            chain.doFilter(request, response); // SandboxErrors.ContainerAnswers covers /sandbox
            return;
        }
        String method = request.getMethod();
        if ("TRACE".equals(method) || !SERVLET_METHODS.contains(method)) {
            response.setHeader(HttpHeaders.ALLOW, READ_ONLY);
            response.sendError(405); // the container's own error page: the console, health and metrics keep their format
            return;
        }
        chain.doFilter(request, response);
    }

    private void guarded(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ApiError refusal = headerProblem(request);
        if (refusal != null) {
            int status = "unsupported-media-type".equals(refusal.error()) ? 415 : 400;
            write(request, response, status, refusal);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY) {
            tooLarge(request, response);
            return;
        }
        HttpServletRequest passed = request;
        if (declared < 0 && isChunked(request)) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                tooLarge(request, response);
                return;
            }
            passed = new BufferedBody(request, body);
        }
        ErrorBodies answers = new ErrorBodies(request, response);
        try {
            chain.doFilter(passed, answers);
        } catch (ServletException | RuntimeException failure) {
            // an I/O failure (the client went away) is left to the container; anything else escaped JAX-RS's mappers
            if (response.isCommitted()) {
                throw failure;
            }
            LOG.log(Level.SEVERE, "Unexpected failure answering " + request.getMethod() + " " + request.getRequestURI(), failure);
            response.reset();
            write(request, response, 500, ApiError.of("internal-error",
                    "LeadSync could not complete the request; the server log has the details."));
        }
    }

    /** The Content-Type, Accept or Transfer-Encoding mistake of a request, or null when it has none. */
    static ApiError headerProblem(HttpServletRequest request) {
        for (String type : values(request, HttpHeaders.CONTENT_TYPE)) {
            if (!isMediaType(type) || !charsetKnown(type)) {
                return new ApiError("unsupported-media-type", "Send the body as application/json (UTF-8); the "
                        + "Content-Type header is not a media type this API reads.",
                        List.of(new ApiError.Detail(HttpHeaders.CONTENT_TYPE, "not a supported media type")));
            }
        }
        if (values(request, HttpHeaders.CONTENT_TYPE).size() > 1) {
            return new ApiError("unsupported-media-type", "Send one Content-Type header.",
                    List.of(new ApiError.Detail(HttpHeaders.CONTENT_TYPE, "given more than once")));
        }
        for (String accept : values(request, HttpHeaders.ACCEPT)) {
            for (String range : accept.split(",")) {
                if (!range.isBlank() && !isMediaRange(range.trim())) {
                    return headerRefused(HttpHeaders.ACCEPT, "The Accept header is not a list of media types.");
                }
            }
        }
        for (String coding : values(request, "Transfer-Encoding")) {
            if (!"chunked".equalsIgnoreCase(coding.trim())) {
                return headerRefused("Transfer-Encoding", "Only the chunked transfer coding is accepted.");
            }
        }
        return null;
    }

    private static ApiError headerRefused(String header, String message) {
        return new ApiError("bad-request", message, List.of(new ApiError.Detail(header, message)));
    }

    private static boolean isMediaType(String text) {
        try {
            MediaType type = MediaType.valueOf(text.trim());
            return !type.getType().isBlank() && !type.getSubtype().isBlank();
        } catch (RuntimeException unparseable) {
            return false;
        }
    }

    private static boolean charsetKnown(String text) {
        String charset = MediaType.valueOf(text.trim()).getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return charset == null || Charset.isSupported(charset.trim());
        } catch (IllegalArgumentException illegalName) {
            return false;
        }
    }

    /**
     * A media range with an optional quality between 0 and 1 (`text/csv;q=0.5`). A lone `*` passes, as the runtime
     * takes it: Java's own HTTP client sends `*; q=.2` by default.
     */
    private static boolean isMediaRange(String text) {
        String range = text.startsWith("*;") || text.equals("*") ? "*/*" + text.substring(1) : text;
        if (!isMediaType(range)) {
            return false;
        }
        String quality = MediaType.valueOf(range).getParameters().get("q");
        if (quality == null) {
            return true;
        }
        try {
            double q = Double.parseDouble(quality.trim());
            return q >= 0 && q <= 1;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static List<String> values(HttpServletRequest request, String header) {
        var values = request.getHeaders(header);
        return values == null ? List.of() : Collections.list(values);
    }

    private static boolean isChunked(HttpServletRequest request) {
        return values(request, "Transfer-Encoding").stream().anyMatch(v -> v.trim().equalsIgnoreCase("chunked"));
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is not read
        write(request, response, 413, new ApiError("payload-too-large", "The request body is larger than " + MAX_BODY + " bytes.",
                List.of(new ApiError.Detail("body", "at most " + MAX_BODY + " bytes"))));
    }

    /** The request path below the context root, as sent (not decoded, not normalized). */
    static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** `/api`, `/API/x`, `/Api;x`: anything a client may have meant as the API, in any case. */
    static boolean looksLikeApi(String path) {
        return isUnder(path, API);
    }

    static boolean isUnder(String path, String prefix) {
        if (path == null) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.equals(prefix) || lower.startsWith(prefix + "/") || lower.startsWith(prefix + ";");
    }

    private static boolean isSandbox(HttpServletRequest request) {
        return isUnder(rawPath(request), "/sandbox") || isUnder(request.getServletPath(), "/sandbox");
    }

    /** Writes docs/api.md's error body (a HEAD request gets the status and headers only). */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, ApiError error)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if ("HEAD".equals(request.getMethod())) {
            response.flushBuffer();
            return;
        }
        byte[] body = json(error).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String json(ApiError error) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("error", error.error())
                .add("message", error.message() == null ? "" : error.message());
        if (error.details() != null) {
            JsonArrayBuilder details = Json.createArrayBuilder();
            for (ApiError.Detail detail : error.details()) {
                JsonObjectBuilder entry = Json.createObjectBuilder();
                if (detail.field() == null) {
                    entry.addNull("field");
                } else {
                    entry.add("field", detail.field());
                }
                details.add(entry.add("message", detail.message() == null ? "" : detail.message()));
            }
            body.add("details", details);
        }
        return body.build().toString();
    }

    /** Turns the runtime's {@code sendError} (an HTML page from the container) into the error body. */
    static final class ErrorBodies extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        ErrorBodies(HttpServletRequest request, HttpServletResponse response) {
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
            String allow = getHeader(HttpHeaders.ALLOW);
            write(request, (HttpServletResponse) getResponse(), status,
                    ApiError.of(ApiExceptionMapper.codeFor(status), ApiExceptionMapper.messageFor(status, allow)));
        }
    }

    /** A chunked body read ahead (to enforce the size limit), handed on as if it had not been read. */
    static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null || !Charset.isSupported(encoding) ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }
    }
}
