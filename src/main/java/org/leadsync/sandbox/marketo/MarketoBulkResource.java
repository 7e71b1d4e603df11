package org.leadsync.sandbox.marketo;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leadsync.sandbox.JsonFactory;

/**
 * Marketo's Bulk API for leads (docs/sandbox.md, Bulk): Bulk Lead Import (`/bulk/v1/leads.json`, multipart file)
 * and Bulk Lead Extract (`/bulk/v1/leads/export/...`). Authenticated, limited and counted like every REST call.
 */
@Path("marketo/bulk/v1")
@Produces(MediaType.APPLICATION_JSON)
public class MarketoBulkResource {

    private static final String CSV = "text/csv";

    @Inject
    MarketoSandbox sandbox;

    @POST
    @Path("leads.json")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importLeads(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @QueryParam("format") String format,
                                @QueryParam("lookupField") String lookupField, byte[] body) {
        return sandbox.serve("POST bulk leads.json", token(auth, token), () -> {
            Map<String, byte[]> parts = FormData.parse(contentType, body == null ? new byte[0] : body);
            String fileFormat = format != null ? format : text(parts.get("format"));
            if (!"csv".equalsIgnoreCase(fileFormat)) {
                throw MarketoError.invalid("format must be csv (the sandbox reads no tsv or ssv files)");
            }
            byte[] file = parts.get("file");
            if (file == null) {
                throw MarketoError.invalid("A file part is required");
            }
            String lookup = lookupField != null ? lookupField : text(parts.get("lookupField"));
            BulkJobs.Import job = sandbox.bulk().submit(file, lookup);
            return result(job.describe());
        });
    }

    @GET
    @Path("leads/batch/{batchId}.json")
    public Response importStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                 @PathParam("batchId") long batchId) {
        return sandbox.serve("GET bulk leads/batch.json", token(auth, token),
                () -> result(sandbox.bulk().importJob(batchId).describe()));
    }

    @GET
    @Path("leads/batch/{batchId}/failures.json")
    public Response importFailures(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                   @PathParam("batchId") long batchId) {
        return sandbox.serveAnswer("GET bulk leads/batch/failures.json", token(auth, token),
                () -> csv(sandbox.bulk().importJob(batchId).failuresFile().getBytes(StandardCharsets.UTF_8)));
    }

    @GET
    @Path("leads/batch/{batchId}/warnings.json")
    public Response importWarnings(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                   @PathParam("batchId") long batchId) {
        return sandbox.serveAnswer("GET bulk leads/batch/warnings.json", token(auth, token),
                () -> csv(sandbox.bulk().importJob(batchId).warningsFile().getBytes(StandardCharsets.UTF_8)));
    }

    @POST
    @Path("leads/export/create.json")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createExport(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                 JsonObject body) {
        return sandbox.serve("POST bulk leads/export/create.json", token(auth, token), () -> {
            if (body == null) {
                throw MarketoError.invalid("A JSON body is required");
            }
            if (body.containsKey("format") && !"CSV".equalsIgnoreCase(body.getString("format", ""))) {
                throw MarketoError.invalid("format must be CSV (the sandbox writes no TSV or SSV files)");
            }
            JsonArray fieldArray = body.getJsonArray("fields");
            List<String> fields = new ArrayList<>();
            if (fieldArray != null) {
                fieldArray.forEach(v -> fields.add(v.getValueType() == JsonValue.ValueType.STRING
                        ? ((jakarta.json.JsonString) v).getString() : v.toString()));
            }
            JsonObject filter = body.getJsonObject("filter");
            if (filter == null || filter.size() != 1) {
                throw MarketoError.invalid("filter must hold exactly one filter type");
            }
            String type = filter.keySet().iterator().next();
            JsonObject range = filter.get(type).getValueType() == JsonValue.ValueType.OBJECT ? filter.getJsonObject(type) : null;
            if (range == null) {
                throw new MarketoError("1035", "Unsupported filter type for target subscription: " + type);
            }
            BulkJobs.Export job = sandbox.bulk().createExport(fields, type, instant(range.getString("startAt", null)),
                    instant(range.getString("endAt", null)));
            return result(job.describe());
        });
    }

    @POST
    @Path("leads/export/{exportId}/enqueue.json")
    public Response enqueueExport(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                  @PathParam("exportId") String exportId) {
        return sandbox.serve("POST bulk leads/export/enqueue.json", token(auth, token),
                () -> result(sandbox.bulk().enqueue(exportId).describe()));
    }

    @POST
    @Path("leads/export/{exportId}/cancel.json")
    public Response cancelExport(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                 @PathParam("exportId") String exportId) {
        return sandbox.serve("POST bulk leads/export/cancel.json", token(auth, token),
                () -> result(sandbox.bulk().cancel(exportId).describe()));
    }

    @GET
    @Path("leads/export/{exportId}/status.json")
    public Response exportStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                                 @PathParam("exportId") String exportId) {
        return sandbox.serve("GET bulk leads/export/status.json", token(auth, token),
                () -> result(sandbox.bulk().exportJob(exportId).describe()));
    }

    @GET
    @Path("leads/export/{exportId}/file.json")
    public Response exportFile(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @QueryParam("access_token") String token,
                               @PathParam("exportId") String exportId) {
        return sandbox.serveAnswer("GET bulk leads/export/file.json", token(auth, token),
                () -> csv(sandbox.bulk().file(exportId)));
    }

    private static JsonObject result(Map<String, Object> row) {
        var json = JsonFactory.JSON.createObjectBuilder();
        row.forEach((k, v) -> WireJson.add(json, k, v));
        return Envelope.ok(JsonFactory.JSON.createArrayBuilder().add(json).build());
    }

    private static Response csv(byte[] file) {
        return Response.ok(file, CSV + "; charset=utf-8").build();
    }

    private static String text(byte[] part) {
        return part == null ? null : new String(part, StandardCharsets.UTF_8).trim();
    }

    /** ISO-8601 without milliseconds, as the Bulk Extract documentation asks; an offset or Z is required. */
    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw MarketoError.invalid("startAt and endAt are required");
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw MarketoError.invalid("Invalid datetime '" + text + "'");
        }
    }

    private static String token(String authorization, String queryToken) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return queryToken;
    }
}
