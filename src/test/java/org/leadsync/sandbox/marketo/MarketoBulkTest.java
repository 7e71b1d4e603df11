package org.leadsync.sandbox.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadsync.sandbox.JsonFactory;

/** docs/sandbox.md, Bulk: Bulk Lead Import and Bulk Lead Extract as Marketo documents them. */
class MarketoBulkTest {

    private final MarketoCalls m = new MarketoCalls();

    // ---- Bulk Lead Import ----------------------------------------------------------------------------------

    @Test
    void importInsertsOrUpdates_failedRowsGoToTheFailuresFile_warningsToTheirs() {
        m.sandbox.store().sync("createOnly", "email", List.of(Map.of("email", "old@example.com", "firstName", "Old")));
        String csv = "email,firstName,lastName,msftId\r\n"
                + "ada@example.com,Ada,Lovelace,lead-1\r\n"
                + "\"old@example.com\",\"Older, wiser\",Known,lead-2\r\n"
                + "not-an-email,Bad,Row,lead-3\r\n"
                + "short@example.com,Short\r\n";

        JsonObject created = body(importFile(csv, "email"));

        assertTrue(created.getBoolean("success"), created.toString());
        JsonObject job = created.getJsonArray("result").getJsonObject(0);
        long batchId = job.getJsonNumber("batchId").longValue();
        assertEquals("Importing", job.getString("status"), "fewer than 2 jobs import: it starts at once");
        assertEquals(0, m.sandbox.store().find("email", List.of("ada@example.com")).size(), "nothing imported before the job runs");

        m.runBulkJobs();

        JsonObject status = body(m.bulk.importStatus(m.bearer, null, batchId)).getJsonArray("result").getJsonObject(0);
        assertEquals("Complete", status.getString("status"));
        assertEquals(3, status.getInt("numOfLeadsProcessed"));
        assertEquals(1, status.getInt("numOfRowsFailed"));
        assertEquals(1, status.getInt("numOfRowsWithWarning"));
        assertEquals("Lovelace", m.sandbox.store().find("email", List.of("ada@example.com")).get(0).get("lastName"));
        Map<String, Object> old = m.sandbox.store().find("email", List.of("old@example.com")).get(0);
        assertEquals("Older, wiser", old.get("firstName"), "an existing email is updated (insert or update)");
        assertEquals("lead-2", old.get("msftId"));
        assertEquals(3, m.sandbox.store().personCount(), "ada and short created, old updated, the bad row not");

        List<List<String>> failures = Csv.parse(text(m.bulk.importFailures(m.bearer, null, batchId)));
        assertEquals(List.of("email", "firstName", "lastName", "msftId", "Import Failure Reason"), failures.get(0));
        assertEquals(List.of("not-an-email", "Bad", "Row", "lead-3"), failures.get(1).subList(0, 4));
        assertTrue(failures.get(1).get(4).contains("Invalid email"), failures.get(1).get(4));
        List<List<String>> warnings = Csv.parse(text(m.bulk.importWarnings(m.bearer, null, batchId)));
        assertEquals("Import Warning Reason", warnings.get(0).get(4));
        assertEquals("short@example.com", warnings.get(1).get(0));
    }

    @Test
    void tenJobsQueueAtMost_twoImportAtOnce_inOrder_theEleventhIs1016() {
        for (int i = 0; i < 10; i++) {
            assertTrue(body(importFile("email\r\np" + i + "@example.com\r\n", "email")).getBoolean("success"));
        }
        JsonObject refused = body(importFile("email\r\nmore@example.com\r\n", "email"));
        assertFalse(refused.getBoolean("success"));
        assertEquals("1016", code(refused));
        assertEquals(List.of("Importing", "Importing", "Queued", "Queued"), statuses(1, 4));

        m.runOneBulkStep(); // job 1 completes and job 3 starts

        assertEquals(List.of("Complete", "Importing", "Importing", "Queued"), statuses(1, 4));
        assertTrue(body(importFile("email\r\nmore@example.com\r\n", "email")).getBoolean("success"), "a place is free again");
        m.runBulkJobs();
        assertEquals(List.of("Complete", "Complete", "Complete", "Complete"), statuses(8, 11));
    }

    @Test
    void aFileOver10MB_is413_nothingQueued() {
        StringBuilder csv = new StringBuilder("email,company\r\n");
        String filler = "x".repeat(200);
        for (int i = 0; csv.length() <= BulkJobs.MAX_FILE_BYTES; i++) {
            csv.append("big").append(i).append("@example.com,").append(filler).append("\r\n");
        }
        Response answer = importFile(csv.toString(), "email");
        assertEquals(413, answer.getStatus());
        assertEquals(0, m.bulkSteps.size());
        assertEquals("1003", code(body(m.bulk.importStatus(m.bearer, null, 1))), "no batch was made");
    }

    @Test
    void anUnknownColumnFailsTheJob_andAnUnknownLookupFieldIsRefusedAtOnce() {
        long batchId = body(importFile("email,shoeSize\r\na@example.com,42\r\n", "email")).getJsonArray("result")
                .getJsonObject(0).getJsonNumber("batchId").longValue();
        m.runBulkJobs();
        JsonObject status = body(m.bulk.importStatus(m.bearer, null, batchId)).getJsonArray("result").getJsonObject(0);
        assertEquals("Failed", status.getString("status"));
        assertTrue(status.getString("message").contains("shoeSize"));
        assertEquals("1006", code(body(importFile("email\r\na@example.com\r\n", "shoeSize"))));
        assertEquals("1003", code(body(m.bulk.importLeads(m.bearer, null, "multipart/form-data; boundary=b", "csv", null,
                "--b\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\ncsv\r\n--b--\r\n".getBytes()))), "no file part");
    }

    // ---- Bulk Lead Extract ---------------------------------------------------------------------------------

    @Test
    void extract_createdEnqueuedProcessedCompleted_thenTheFileHoldsTheFieldsAsked() {
        m.sandbox.store().sync("createOnly", "email", List.of(Map.of("email", "a@example.com", "msftId", "lead-a"),
                Map.of("email", "b@example.com", "msftId", "lead-b, \"quoted\"")));
        Instant now = Instant.now();
        JsonObject created = first(m.bulk.createExport(m.bearer, null, exportBody(List.of("id", "email", "msftId"),
                "createdAt", now.minusSeconds(3600), now.plusSeconds(60))));
        String exportId = created.getString("exportId");
        assertEquals("Created", created.getString("status"));
        assertEquals("1003", code(body(m.bulk.exportFile(m.bearer, null, exportId))), "no file before it is written");

        assertEquals("Processing", first(m.bulk.enqueueExport(m.bearer, null, exportId)).getString("status"));
        m.runBulkJobs();

        JsonObject status = first(m.bulk.exportStatus(m.bearer, null, exportId));
        assertEquals("Completed", status.getString("status"));
        assertEquals(2, status.getInt("numberOfRecords"));
        Response file = m.bulk.exportFile(m.bearer, null, exportId);
        assertTrue(file.getMediaType().toString().startsWith("text/csv"));
        List<List<String>> rows = Csv.parse(text(file));
        assertEquals(List.of("id", "email", "msftId"), rows.get(0));
        assertEquals(List.of("a@example.com", "lead-a"), rows.get(1).subList(1, 3));
        assertEquals("lead-b, \"quoted\"", rows.get(2).get(2));
        assertEquals(((byte[]) file.getEntity()).length, status.getInt("fileSize"));
    }

    @Test
    void extractRefusesRangesOver31Days_unknownFields_andOtherFilters() {
        Instant now = Instant.now();
        assertEquals("1003", code(body(m.bulk.createExport(m.bearer, null, exportBody(List.of("id"), "createdAt",
                now.minus(java.time.Duration.ofDays(32)), now)))));
        assertEquals("1006", code(body(m.bulk.createExport(m.bearer, null, exportBody(List.of("id", "shoeSize"), "updatedAt",
                now.minusSeconds(60), now)))));
        assertEquals("1035", code(body(m.bulk.createExport(m.bearer, null, exportBody(List.of("id"), "smartListId",
                now.minusSeconds(60), now)))));
    }

    @Test
    void twoExportsProcessAtOnce_tenQueueAtMost_andTheDailyQuotaStopsEnqueueing() {
        ArrayDeque<Runnable> steps = new ArrayDeque<>();
        PersonStore store = new PersonStore(Clock.system(ZoneOffset.UTC));
        store.sync("createOnly", "email", List.of(Map.of("email", "a@example.com")));
        BulkJobs jobs = new BulkJobs(store, Clock.system(ZoneOffset.UTC), steps::addLast, 40); // a 40-byte day
        Instant now = Instant.now();
        for (int i = 0; i < 10; i++) {
            jobs.enqueue(jobs.createExport(List.of("id", "email"), "createdAt", now.minusSeconds(60), now.plusSeconds(60)).exportId);
        }
        String eleventh = jobs.createExport(List.of("id"), "createdAt", now.minusSeconds(60), now.plusSeconds(60)).exportId;
        MarketoError full = assertThrows(MarketoError.class, () -> jobs.enqueue(eleventh));
        assertEquals("1029", full.code);
        assertEquals(2, steps.size(), "two export jobs process at once");

        steps.pollFirst().run(); // a file of "id,email\r\n1,a@example.com\r\n" (27 bytes) counts toward the quota
        steps.pollFirst().run(); // 54 bytes: the day's 40 are spent
        String later = jobs.createExport(List.of("id"), "createdAt", now.minusSeconds(60), now.plusSeconds(60)).exportId;
        MarketoError quota = assertThrows(MarketoError.class, () -> jobs.enqueue(later));
        assertEquals("1029", quota.code);
        assertTrue(quota.getMessage().contains("quota"), quota.getMessage());
        assertEquals("Created", jobs.exportJob(eleventh).status, "a refused enqueue leaves the job as it was");
        assertEquals("Cancelled", jobs.cancel(eleventh).status, "a created job can be cancelled");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Response importFile(String csv, String lookupField) {
        String boundary = "----LeadSyncTest";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\ncsv\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"lookupField\"\r\n\r\n" + lookupField + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return m.bulk.importLeads(m.bearer, null, "multipart/form-data; boundary=" + boundary, null, null,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> statuses(long fromBatch, long toBatch) {
        List<String> out = new java.util.ArrayList<>();
        for (long id = fromBatch; id <= toBatch; id++) {
            out.add(body(m.bulk.importStatus(m.bearer, null, id)).getJsonArray("result").getJsonObject(0).getString("status"));
        }
        return out;
    }

    private static JsonObject exportBody(List<String> fields, String filterType, Instant from, Instant to) {
        var array = JsonFactory.JSON.createArrayBuilder();
        fields.forEach(array::add);
        return JsonFactory.JSON.createObjectBuilder().add("fields", array).add("format", "CSV")
                .add("filter", JsonFactory.JSON.createObjectBuilder().add(filterType, JsonFactory.JSON.createObjectBuilder()
                        .add("startAt", MarketoTime.format(from)).add("endAt", MarketoTime.format(to)))).build();
    }

    private static JsonObject first(Response response) {
        JsonObject body = body(response);
        assertTrue(body.getBoolean("success"), body.toString());
        return body.getJsonArray("result").getJsonObject(0);
    }

    private static JsonObject body(Response response) {
        return MarketoCalls.body(response);
    }

    private static String code(JsonObject body) {
        return body.getJsonArray("errors").getJsonObject(0).getString("code");
    }

    private static String text(Response response) {
        assertEquals(200, response.getStatus());
        return new String((byte[]) response.getEntity(), StandardCharsets.UTF_8);
    }
}
