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
 * pass here, so server faults stay 5xx. Limits (docs/api.md, Conventions): at most {@link #MAX_BYTES} bytes (413)
 * and {@link #MAX_DEPTH} levels of nested arrays and objects (400), checked by a flat scan before any parser sees
 * the body, so no parser or binder recurses deeper than that.
 */
@Provider
public class JsonBodyReading implements ReaderInterceptor {

    /** No LeadSync body comes near this; more is refused before it is held in memory. */
    static final int MAX_BYTES = 1 << 20;
    /** No LeadSync body nests deeper than 3; 64 leaves room and keeps every parser's recursion shallow. */
    static final int MAX_DEPTH = 64;
    /** The longest client-given name (a field, a header) repeated in an error message. */
    static final int MAX_ECHO = 64;

    private static final Pattern UNKNOWN = Pattern.compile("Json property (\\S+) can not be mapped");
    private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            byte[] body = readAtMost(context.getInputStream());
            if (body.length == 0) {
                return null; // no body at all: the resource gets null and decides whether it needed one
            }
            checkDepth(body);
            checkSyntax(body);
            checkObject(body);
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
        } catch (RuntimeException unreadable) {
            // the JSON implementation's own limits (number length, scale, nesting) throw plain runtime exceptions;
            // they come from the client's body, so they are the client's mistake too
            throw shapeProblem(unreadable);
        }
    }

    static byte[] readAtMost(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new ApiProblem(413, "payload-too-large", "The request body is larger than " + MAX_BYTES + " bytes.");
        }
        return body;
    }

    /**
     * Counts the nesting of arrays and objects outside strings, byte by byte (no recursion, no parser): deeper than
     * {@link #MAX_DEPTH} is a 400 naming the body. UTF-8 never puts a bracket, quote or backslash byte inside a
     * multi-byte character, so the count is exact for UTF-8; for other encodings the parser's own limit still holds.
     */
    static void checkDepth(byte[] body) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++; // the escaped byte cannot end the string
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > MAX_DEPTH) {
                    throw ApiProblem.badRequest("body", "The request body nests arrays and objects more than "
                            + MAX_DEPTH + " levels deep.");
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
    }

    /**
     * Every LeadSync request body is a JSON object (docs/api.md): `null`, an array or a bare value is refused here,
     * before a binder could read `null` as "no body".
     */
    static void checkObject(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            if (b == '{') {
                return;
            }
            break;
        }
        throw ApiProblem.badRequest("body", "The request body must be a JSON object.");
    }

    /** Reads every token, so trailing content after the first value is an error too (the parser checks for EOF). */
    static void checkSyntax(byte[] body) {
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (JsonException broken) {
            throw ApiProblem.badRequest("body", "The request body is not valid JSON: " + shortened(broken.getMessage()));
        } catch (RuntimeException unreadable) {
            // Parsson reports some limits (nesting, number size) as plain RuntimeExceptions: still the body's fault
            throw ApiProblem.badRequest("body", "The request body cannot be read as JSON: " + shortened(unreadable.getMessage()));
        }
    }

    /**
     * A name the client chose (a field, a key), fit to repeat in an error message or an activity entry: control
     * characters and broken surrogates written as Java-style escapes (a NUL cannot be stored in PostgreSQL text),
     * cut after {@link #MAX_ECHO} characters.
     */
    static String shown(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (; i < name.length() && text.length() < MAX_ECHO; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(name, i)) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return i < name.length() ? text + "..." : text.toString();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** Valid JSON of the wrong shape. Names the field where the binder says which, never a Java class. */
    static ApiProblem shapeProblem(Throwable failure) {
        String text = innermost(failure);
        Matcher unknown = UNKNOWN.matcher(text);
        if (unknown.find()) {
            String field = shown(unknown.group(1));
            return new ApiProblem(400, "bad-request", "Unknown field " + field + " in the request body.",
                    List.of(new ApiError.Detail(field, "unknown field")));
        }
        Matcher property = PROPERTY.matcher(text);
        if (property.find()) {
            String field = shown(property.group(1));
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
