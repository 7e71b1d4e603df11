package org.leadsync.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body that is not JSON, or not the JSON an endpoint takes, is the client's mistake: 400 naming the
 * problem, where the runtime would answer 500 or quietly read the first value of `{} {}`. Only request bodies
 * pass here, so server faults stay 5xx.
 */
@Provider
public class JsonBodyReading implements ReaderInterceptor {

    /** No LeadSync body comes near this; more is refused before it is held in memory. */
    static final int MAX_BYTES = 1 << 20;

    private static final Pattern UNKNOWN = Pattern.compile("Json property (\\S+) can not be mapped");
    private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            byte[] body = readAtMost(context.getInputStream());
            if (body.length == 0) {
                return null; // no body at all: the resource gets null and decides whether it needed one
            }
            checkSyntax(body);
            context.setInputStream(new ByteArrayInputStream(body));
        }
        try {
            return context.proceed();
        } catch (NoContentException empty) {
            return null;
        } catch (WebApplicationException alreadyAnswered) {
            throw alreadyAnswered;
        } catch (JsonbException | JsonException | ProcessingException unmappable) {
            throw shapeProblem(unmappable);
        }
    }

    static byte[] readAtMost(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new ApiProblem(413, "payload-too-large", "The request body is larger than " + MAX_BYTES + " bytes.");
        }
        return body;
    }

    /** Reads every token, so trailing content after the first value is an error too (the parser checks for EOF). */
    static void checkSyntax(byte[] body) {
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (JsonException broken) {
            throw ApiProblem.badRequest("body", "The request body is not valid JSON: " + shortened(broken.getMessage()));
        }
    }

    /** Valid JSON of the wrong shape. Names the field where the binder says which, never a Java class. */
    static ApiProblem shapeProblem(Throwable failure) {
        String text = innermost(failure);
        Matcher unknown = UNKNOWN.matcher(text);
        if (unknown.find()) {
            String field = unknown.group(1);
            return new ApiProblem(400, "bad-request", "Unknown field " + field + " in the request body.",
                    List.of(new ApiError.Detail(field, "unknown field")));
        }
        Matcher property = PROPERTY.matcher(text);
        if (property.find()) {
            String field = property.group(1);
            return new ApiProblem(400, "bad-request", "The field " + field + " has the wrong type.",
                    List.of(new ApiError.Detail(field, "wrong type")));
        }
        return ApiProblem.badRequest("body", "The request body does not have the shape this endpoint takes "
                + "(a JSON object with the fields docs/api.md lists).");
    }

    private static String innermost(Throwable failure) {
        String message = "";
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = message + " " + t.getMessage();
            }
        }
        return message;
    }

    private static String shortened(String message) {
        String text = message == null ? "unreadable" : message.replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
