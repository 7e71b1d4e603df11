package org.leadsync.sandbox.dynamics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadsync.sandbox.dynamics.DynamicsTable.Row;

/**
 * POST $batch (Web API, "Execute batch operations using the Web API"): multipart/mixed, change sets
 * run atomically, at most 1000 requests. Without `Prefer: odata.continue-on-error` processing stops at
 * the first failing request or change set: the requests after it are not executed, and the batch
 * answers with that request's error status, its body holding the responses up to and including the
 * failure. With the preference every part runs and the batch answers 200.
 */
@ApplicationScoped
public class DataverseBatch {

    static final int MAX_REQUESTS = 1000;
    private static final Pattern ROW = Pattern.compile("^(\\w+)\\(([0-9a-fA-F-]{36})\\)");
    private static final String API = "/api/data/v9.2/";

    @Inject
    DataverseWebApi api;

    @Inject
    DynamicsStore store;

    private record Undo(EntityDefinition entity, UUID id, Row before) {
    }

    WebApiResponse execute(WebApiRequest batch) {
        String boundary = MimePart.boundary(batch.header().apply("Content-Type"));
        if (boundary == null || batch.body() == null) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "The batch request must have a multipart/mixed Content-Type with a boundary.");
        }
        List<MimePart> parts = MimePart.split(batch.body(), boundary);
        int count = 0;
        for (MimePart part : parts) {
            count += part.isMultipart() ? MimePart.split(part.content(), MimePart.boundary(part.header("Content-Type"))).size() : 1;
        }
        if (count > MAX_REQUESTS) {
            throw DataverseFault.badRequest("0x8006088a", "The number of requests in the batch exceeded the limit of " + MAX_REQUESTS + ".");
        }
        store.countBatched(count);
        boolean continueOnError = batch.prefers("odata.continue-on-error");
        String responseBoundary = "batchresponse_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        int status = 200;
        for (MimePart part : parts) {
            out.append("--").append(responseBoundary).append("\r\n");
            int failed = part.isMultipart() ? changeSet(batch, part, out) : single(batch, part, out);
            if (failed != 0 && !continueOnError) {
                status = failed; // "the error for that request is returned for the batch request"
                break;
            }
        }
        out.append("--").append(responseBoundary).append("--\r\n");
        WebApiResponse response = new WebApiResponse(status, new LinkedHashMap<>(), out.toString());
        response.headers().put("OData-Version", "4.0");
        response.headers().put("Content-Type", "multipart/mixed; boundary=" + responseBoundary);
        if (continueOnError) {
            response.headers().put("Preference-Applied", "odata.continue-on-error");
        }
        return response;
    }

    /** Runs one request outside a change set; its status when it failed, else 0. */
    private int single(WebApiRequest batch, MimePart part, StringBuilder out) {
        WebApiResponse response = api.handle(inner(batch, part, Map.of()));
        write(out, response, null);
        return response.status() >= 400 ? response.status() : 0;
    }

    /**
     * All or nothing: on the first failure every earlier write of the set is undone and one error
     * answers for it. The failing status, or 0 when the set succeeded.
     */
    private int changeSet(WebApiRequest batch, MimePart part, StringBuilder out) {
        String boundary = MimePart.boundary(part.header("Content-Type"));
        List<MimePart> requests = MimePart.split(part.content(), boundary);
        List<Undo> undo = new ArrayList<>();
        List<WebApiResponse> responses = new ArrayList<>();
        Map<String, String> references = new HashMap<>();
        store.writeLock().lock();
        try {
            for (MimePart request : requests) {
                WebApiRequest inner = inner(batch, request, references);
                Undo before = before(inner);
                WebApiResponse response = api.handle(inner);
                String contentId = request.header("Content-ID");
                if (response.status() >= 400) {
                    for (int i = undo.size() - 1; i >= 0; i--) {
                        store.restore(undo.get(i).entity(), undo.get(i).id(), undo.get(i).before());
                    }
                    write(out, response, contentId);
                    return response.status();
                }
                String entityId = response.headers().get("OData-EntityId");
                if (before != null) {
                    undo.add(before);
                } else if (entityId != null && inner.method().equals("POST")) {
                    Matcher m = ROW.matcher(entityId.substring(entityId.indexOf(API) + API.length()));
                    if (m.find()) {
                        undo.add(new Undo(EntityDefinition.bySet(m.group(1)).orElseThrow(), UUID.fromString(m.group(2)), null));
                    }
                }
                if (contentId != null && entityId != null) {
                    references.put(contentId, entityId.substring(entityId.indexOf(API) + API.length()));
                }
                responses.add(response);
            }
        } finally {
            store.writeLock().unlock();
        }
        String csBoundary = "changesetresponse_" + UUID.randomUUID();
        out.append("Content-Type: multipart/mixed; boundary=").append(csBoundary).append("\r\n\r\n");
        for (int i = 0; i < responses.size(); i++) {
            out.append("--").append(csBoundary).append("\r\n");
            write(out, responses.get(i), requests.get(i).header("Content-ID"));
        }
        out.append("--").append(csBoundary).append("--\r\n");
        return 0;
    }

    private Undo before(WebApiRequest request) {
        if (request.method().equals("GET") || request.method().equals("POST")) {
            return null;
        }
        Matcher m = ROW.matcher(request.path());
        if (!m.matches()) {
            return null;
        }
        EntityDefinition entity = EntityDefinition.bySet(m.group(1)).orElse(null);
        if (entity == null) {
            return null;
        }
        UUID id = UUID.fromString(m.group(2));
        return new Undo(entity, id, store.table(entity.entitySetName()).get(id));
    }

    private static void write(StringBuilder out, WebApiResponse response, String contentId) {
        out.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId != null) {
            out.append("Content-ID: ").append(contentId).append("\r\n");
        }
        out.append("\r\nHTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        response.headers().forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
        out.append("\r\n");
        if (response.body() != null) {
            out.append(response.body()).append("\r\n");
        }
    }

    /** An application/http part → a request; the URL may be absolute, server-relative, relative or `$n`. */
    private static WebApiRequest inner(WebApiRequest batch, MimePart part, Map<String, String> references) {
        String[] requestLine = part.content().split("\r\n", 2)[0].split(" ");
        if (requestLine.length < 2) {
            throw DataverseFault.badRequest(RowPayload.ODATA_ERROR, "Malformed request line in batch part.");
        }
        String method = requestLine[0].toUpperCase();
        String url = requestLine[1];
        int api = url.indexOf(API);
        if (api >= 0) {
            url = url.substring(api + API.length());
        }
        if (url.startsWith("$")) {
            int end = url.indexOf('/') < 0 ? url.length() : url.indexOf('/');
            String target = references.get(url.substring(1, end));
            if (target != null) {
                url = target + url.substring(end);
            }
        }
        String path = url;
        Map<String, String> query = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q >= 0) {
            path = url.substring(0, q);
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        Map<String, String> headers = new HashMap<>();
        // the part's own headers (after its request line) are the inner request's headers
        MimePart inner = MimePart.parse(part.content().substring(part.content().indexOf("\r\n") + 2));
        headers.putAll(inner.headers());
        return new WebApiRequest(method, decode(path), query, name -> headers.get(name.toLowerCase()),
                inner.content(), batch.serviceRoot());
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 429 -> "Too Many Requests";
            default -> "Status";
        };
    }
}
