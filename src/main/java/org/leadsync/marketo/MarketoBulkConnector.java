package org.leadsync.marketo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.connector.JsonFactory;
import org.leadsync.connector.RetryPolicy;
import org.leadsync.port.CrmFields;
import org.leadsync.port.MarketoBulkPersons;
import org.leadsync.port.MarketoPerson;
import org.leadsync.port.MarketoRejected;
import org.leadsync.port.MarketoUnavailable;

/**
 * The {@link MarketoBulkPersons} port over Marketo's Bulk API (Bulk Lead Import, Bulk Lead Extract; docs/sync-rules.md
 * R10, Bulk creation): CSV files under 10 MB, jobs polled until they finish, a full queue (1016, 1029) waited out,
 * date ranges cut into pieces of at most 31 days. Every call goes through {@link MarketoGateway}: paced, metered,
 * charged to the daily cap.
 */
@ApplicationScoped
public class MarketoBulkConnector implements MarketoBulkPersons {

    /** Marketo takes import files "less than 10MB"; a margin for the multipart framing. */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024 - 64 * 1024;

    /** Marketo's longest createdAt/updatedAt range of one extract job, less a second so two pieces never overlap. */
    static final Duration MAX_RANGE = Duration.ofDays(31).minusSeconds(1);

    /** The import queue (1016) or the export queue or allocation (1029) is full: a job waits its turn. */
    private static final Set<String> QUEUE_FULL = Set.of("1016", "1029");

    @Inject
    MarketoGateway gateway;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.bulk.poll-initial", defaultValue = "PT1S")
    Duration pollInitial;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.bulk.poll-max", defaultValue = "PT30S")
    Duration pollMax;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.bulk.job-timeout", defaultValue = "PT30M")
    Duration jobTimeout;

    @Override
    public ImportOutcome importPersons(List<Map<String, Object>> persons) {
        List<String> columns = columns(persons);
        List<String> files = new ArrayList<>();
        StringBuilder file = new StringBuilder(BulkCsv.row(columns));
        int header = file.length();
        for (Map<String, Object> person : persons) {
            List<Object> cells = new ArrayList<>(columns.size());
            columns.forEach(c -> cells.add(person.get(c)));
            String row = BulkCsv.row(cells);
            if (file.length() > header && utf8Length(file) + utf8Length(row) > MAX_FILE_BYTES) {
                files.add(file.toString());
                file = new StringBuilder(BulkCsv.row(columns));
            }
            file.append(row);
        }
        if (file.length() > header) {
            files.add(file.toString());
        }
        List<Long> batches = new ArrayList<>();
        for (String csv : files) {
            BulkImportFile body = BulkImportFile.of(csv);
            JsonObject job = waitingForAPlace("import leads", () -> first(gateway.call("bulk import",
                    api -> bearer -> api.importLeads(bearer, "csv", "email", body))));
            batches.add(job.getJsonNumber("batchId").longValue());
        }
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> warned = new LinkedHashMap<>();
        int processed = 0;
        for (long batchId : batches) {
            JsonObject status = poll("import batch " + batchId, Set.of("Complete", "Failed"),
                    () -> first(gateway.call("bulk import status", api -> bearer -> api.importStatus(bearer, batchId))));
            if ("Failed".equals(status.getString("status"))) {
                throw new MarketoRejected("bulk-import-failed", "Marketo failed import batch " + batchId + ": "
                        + status.getString("message", ""));
            }
            processed += status.getInt("numOfLeadsProcessed", 0);
            if (status.getInt("numOfRowsFailed", 0) > 0) {
                failed.putAll(reasons(gateway.file("bulk import failures", api -> bearer -> api.importFailures(bearer, batchId))));
            }
            if (status.getInt("numOfRowsWithWarning", 0) > 0) {
                warned.putAll(reasons(gateway.file("bulk import warnings", api -> bearer -> api.importWarnings(bearer, batchId))));
            }
        }
        return new ImportOutcome(batches.size(), processed, failed, warned);
    }

    @Override
    public void readPersons(Since since, Instant from, Instant to, Collection<String> fields, Consumer<MarketoPerson> each) {
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(fields));
        wanted.remove("id");
        wanted.add(0, "id");
        Instant start = from.truncatedTo(ChronoUnit.SECONDS);
        Instant end = to.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        while (!start.isAfter(end)) {
            Instant pieceEnd = start.plus(MAX_RANGE).isBefore(end) ? start.plus(MAX_RANGE) : end;
            readPiece(since, start, pieceEnd, wanted, each);
            start = pieceEnd.plusSeconds(1);
        }
    }

    private void readPiece(Since since, Instant from, Instant to, List<String> fields, Consumer<MarketoPerson> each) {
        JsonArrayBuilder names = JsonFactory.JSON.createArrayBuilder();
        fields.forEach(names::add);
        JsonObject body = JsonFactory.JSON.createObjectBuilder().add("fields", names).add("format", "CSV")
                .add("filter", JsonFactory.JSON.createObjectBuilder().add(since == Since.CREATED ? "createdAt" : "updatedAt",
                        JsonFactory.JSON.createObjectBuilder().add("startAt", from.toString()).add("endAt", to.toString())))
                .build();
        String exportId = first(gateway.call("bulk export create", api -> bearer -> api.createExport(bearer, body)))
                .getString("exportId");
        waitingForAPlace("export " + exportId, () -> first(gateway.call("bulk export enqueue",
                api -> bearer -> api.enqueueExport(bearer, exportId))));
        JsonObject status = poll("export " + exportId, Set.of("Completed", "Failed", "Cancelled"),
                () -> first(gateway.call("bulk export status", api -> bearer -> api.exportStatus(bearer, exportId))));
        if (!"Completed".equals(status.getString("status"))) {
            throw new MarketoRejected("bulk-export-" + status.getString("status").toLowerCase(java.util.Locale.ROOT),
                    "Marketo's export " + exportId + " ended " + status.getString("status"));
        }
        List<List<String>> rows = BulkCsv.parse(gateway.file("bulk export file", api -> bearer -> api.exportFile(bearer, exportId)));
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = rows.get(0);
        int idColumn = header.indexOf("id");
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != idColumn) {
                    String cell = i < row.size() ? row.get(i) : "";
                    values.put(header.get(i), cell.isEmpty() ? null : cell);
                }
            }
            each.accept(new MarketoPerson(Long.parseLong(row.get(idColumn).trim()), values));
        }
    }

    /** The reason column (the last) of a failures or warnings file, by the row's msftId. */
    private static Map<String, String> reasons(String csv) {
        Map<String, String> out = new LinkedHashMap<>();
        List<List<String>> rows = BulkCsv.parse(csv);
        if (rows.isEmpty()) {
            return out;
        }
        int idColumn = rows.get(0).indexOf(CrmFields.ID);
        for (List<String> row : rows.subList(1, rows.size())) {
            if (idColumn >= 0 && idColumn < row.size() && !row.isEmpty()) {
                out.put(row.get(idColumn), row.get(row.size() - 1));
            }
        }
        return out;
    }

    /** Every key any person has, in first-seen order: the file's header. */
    private static List<String> columns(List<Map<String, Object>> persons) {
        Set<String> columns = new LinkedHashSet<>();
        persons.forEach(p -> columns.addAll(p.keySet()));
        return new ArrayList<>(columns);
    }

    private static int utf8Length(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Calls `submit` again while Marketo's queue is full (1016, 1029), within the job timeout. */
    private JsonObject waitingForAPlace(String what, Supplier<JsonObject> submit) {
        long deadline = System.nanoTime() + jobTimeout.toNanos();
        Duration pause = pollInitial;
        while (true) {
            try {
                return submit.get();
            } catch (MarketoRejected refused) {
                if (!QUEUE_FULL.contains(refused.code()) || System.nanoTime() > deadline) {
                    throw refused;
                }
            }
            pause = sleep(what, pause);
        }
    }

    /** Asks for a job's status, pausing longer each time (each ask is a call), until it is one of `done`. */
    private JsonObject poll(String what, Set<String> done, Supplier<JsonObject> status) {
        long deadline = System.nanoTime() + jobTimeout.toNanos();
        Duration pause = pollInitial;
        while (true) {
            pause = sleep(what, pause);
            JsonObject answer = status.get();
            if (done.contains(answer.getString("status", ""))) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new MarketoUnavailable("bulk-timeout", "Marketo's " + what + " is still " + answer.getString("status", "")
                        + " after " + jobTimeout, null);
            }
        }
    }

    private Duration sleep(String what, Duration pause) {
        if (!RetryPolicy.pause(pause)) {
            throw new MarketoUnavailable("interrupted", "Interrupted while waiting for " + what, null);
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(pollMax) > 0 ? pollMax : next;
    }

    private static JsonObject first(JsonObject envelope) {
        List<JsonObject> result = WireValues.result(envelope);
        if (result.isEmpty()) {
            throw new MarketoRejected("unexpected", "Marketo answered a bulk call without a result: " + envelope);
        }
        return result.get(0);
    }
}
