package org.leadsync.ops;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * A request body that is not JSON, or not the JSON an endpoint takes, is the client's mistake: 400 naming the
 * problem, where the runtime would answer 500. Only request bodies pass here, so server faults stay 5xx.
 */
@Provider
public class JsonBodyReading implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (NoContentException empty) {
            // No body at all: the resource gets null and decides whether it needed one.
            return null;
        } catch (WebApplicationException alreadyAnswered) {
            throw alreadyAnswered;
        } catch (JsonbException | JsonException | ProcessingException unreadable) {
            throw ApiProblem.badRequest("body", "The request body is not valid JSON for this endpoint: " + describe(unreadable));
        }
    }

    /** The innermost message, cut short: a parser's words about the input, never a stack trace. */
    static String describe(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (message == null) {
            return "unreadable.";
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
