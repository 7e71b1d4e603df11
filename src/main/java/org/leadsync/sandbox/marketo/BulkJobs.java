package org.leadsync.sandbox.marketo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Marketo's bulk jobs (docs/sandbox.md, Bulk): Bulk Lead Import (a FIFO queue of at most 10 jobs, 2 importing at
 * once, files up to 10 MB, failures and warnings files) and Bulk Lead Extract (create, enqueue, at most 10 queued
 * and 2 processing, createdAt/updatedAt ranges of at most 31 days, 500 MB of files a UTC day). Jobs run on
 * `executor`, so their states move on their own, as with Marketo, and a test can run them one step at a time.
 */
final class BulkJobs {

    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    static final int MAX_QUEUED = 10;
    static final int MAX_RUNNING = 2;
    static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final int ROWS_PER_STEP = 300;

    /** One import job: `status` Queued, Importing, Complete or Failed. */
    static final class Import {
        final long batchId;
        final String lookupField;
        final List<String> header;
        final List<List<String>> rows;
        volatile String status = "Queued";
        volatile String message;
        int processed;
        final List<List<String>> failures = new ArrayList<>();
        final List<List<String>> warnings = new ArrayList<>();

        Import(long batchId, String lookupField, List<String> header, List<List<String>> rows) {
            this.batchId = batchId;
            this.lookupField = lookupField;
            this.header = header;
            this.rows = rows;
        }

        synchronized Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("batchId", batchId);
            out.put("importId", Long.toString(batchId));
            out.put("status", status);
            out.put("numOfLeadsProcessed", processed);
            out.put("numOfRowsFailed", failures.size());
            out.put("numOfRowsWithWarning", warnings.size());
            out.put("message", message == null ? "" : message);
            return out;
        }

        synchronized String failuresFile() {
            return file("Import Failure Reason", failures);
        }

        synchronized String warningsFile() {
            return file("Import Warning Reason", warnings);
        }

        private String file(String reasonColumn, List<List<String>> rowsWithReason) {
            List<String> columns = new ArrayList<>(header);
            columns.add(reasonColumn);
            StringBuilder out = new StringBuilder(Csv.row(columns));
            rowsWithReason.forEach(r -> out.append(Csv.row(r)));
            return out.toString();
        }
    }

    /** One export job: `status` Created, Queued, Processing, Completed, Failed or Cancelled. */
    static final class Export {
        final String exportId;
        final List<String> fields;
        final String dateField;
        final Instant from;
        final Instant to;
        final Instant createdAt;
        volatile String status = "Created";
        volatile Instant queuedAt;
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile int numberOfRecords;
        volatile byte[] file;

        Export(String exportId, List<String> fields, String dateField, Instant from, Instant to, Instant createdAt) {
            this.exportId = exportId;
            this.fields = fields;
            this.dateField = dateField;
            this.from = from;
            this.to = to;
            this.createdAt = createdAt;
        }

        Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("exportId", exportId);
            out.put("format", "CSV");
            out.put("status", status);
            out.put("createdAt", MarketoTime.format(createdAt));
            if (queuedAt != null) {
                out.put("queuedAt", MarketoTime.format(queuedAt));
            }
            if (startedAt != null) {
                out.put("startedAt", MarketoTime.format(startedAt));
            }
            if (finishedAt != null) {
                out.put("finishedAt", MarketoTime.format(finishedAt));
                out.put("numberOfRecords", numberOfRecords);
                out.put("fileSize", file == null ? 0 : file.length);
            }
            return out;
        }
    }

    private final PersonStore store;
    private final Clock clock;
    private final Executor executor;
    private final long exportBytesPerDay;
    private final AtomicLong nextBatchId = new AtomicLong(1);
    private final Map<Long, Import> imports = new LinkedHashMap<>();
    private final ArrayDeque<Import> importQueue = new ArrayDeque<>();
    private int importing;
    private final Map<String, Export> exports = new LinkedHashMap<>();
    private final ArrayDeque<Export> exportQueue = new ArrayDeque<>();
    private int exporting;
    private LocalDate exportDay = LocalDate.MIN;
    private long exportedToday;

    BulkJobs(PersonStore store, Clock clock, Executor executor, long exportBytesPerDay) {
        this.store = store;
        this.clock = clock;
        this.executor = executor;
        this.exportBytesPerDay = exportBytesPerDay;
    }

    synchronized void reset() {
        imports.clear();
        importQueue.clear();
        exports.clear();
        exportQueue.clear();
        exportedToday = 0;
        // jobs already running finish against the emptied store; their counts no longer hold anyone back
        importing = 0;
        exporting = 0;
    }

    synchronized Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imports", imports.size());
        out.put("importsQueued", importQueue.size());
        out.put("exports", exports.size());
        out.put("exportBytesToday", exportedToday());
        return out;
    }

    // ---- Bulk Lead Import ----------------------------------------------------------------------------------

    /** Queues an import of `file` (CSV, a header row of REST field names first); answers the job. */
    synchronized Import submit(byte[] file, String lookupField) {
        if (file.length > MAX_FILE_BYTES) {
            throw new FileTooLarge(file.length);
        }
        if (queuedOrRunningImports() >= MAX_QUEUED) {
            throw new MarketoError("1016", "Too many imports");
        }
        List<List<String>> rows = Csv.parse(new String(file, StandardCharsets.UTF_8));
        if (rows.isEmpty() || rows.get(0).stream().allMatch(String::isBlank)) {
            throw MarketoError.invalid("The file needs a header row of field names");
        }
        String lookup = lookupField == null || lookupField.isBlank() ? "email" : lookupField;
        if (FieldCatalogue.find(lookup) == null || "id".equals(lookup)) {
            throw new MarketoError("1006", "Field '" + lookup + "' not found");
        }
        List<String> header = rows.get(0).stream().map(String::trim).toList();
        Import job = new Import(nextBatchId.getAndIncrement(), lookup, header, List.copyOf(rows.subList(1, rows.size())));
        imports.put(job.batchId, job);
        importQueue.addLast(job);
        startImports();
        return job;
    }

    synchronized Import importJob(long batchId) {
        Import job = imports.get(batchId);
        if (job == null) {
            throw new MarketoError("1003", "Batch " + batchId + " not found");
        }
        return job;
    }

    private long queuedOrRunningImports() {
        return importQueue.size() + importing;
    }

    private void startImports() {
        while (importing < MAX_RUNNING && !importQueue.isEmpty()) {
            Import job = importQueue.pollFirst();
            importing++;
            job.status = "Importing";
            executor.execute(() -> runImport(job));
        }
    }

    private void runImport(Import job) {
        try {
            List<String> unknown = job.header.stream().filter(f -> FieldCatalogue.find(f) == null).toList();
            if (!unknown.isEmpty()) {
                job.message = "Field '" + unknown.get(0) + "' not found";
                job.status = "Failed";
                return;
            }
            for (int from = 0; from < job.rows.size(); from += ROWS_PER_STEP) {
                importRows(job, job.rows.subList(from, Math.min(job.rows.size(), from + ROWS_PER_STEP)));
            }
            synchronized (job) {
                job.message = "Import completed: " + job.processed + " leads processed, " + job.failures.size()
                        + " rows failed, " + job.warnings.size() + " rows with warnings";
            }
            job.status = "Complete";
        } catch (RuntimeException e) {
            job.message = "Import failed: " + e.getMessage();
            job.status = "Failed";
        } finally {
            synchronized (this) {
                importing = Math.max(0, importing - 1);
                startImports();
            }
        }
    }

    /** Insert or update, as the documentation says of Bulk Lead Import; an empty cell sets nothing. */
    private void importRows(Import job, List<List<String>> rows) {
        List<Map<String, Object>> records = new ArrayList<>(rows.size());
        List<String> warnings = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < job.header.size() && i < row.size(); i++) {
                if (!row.get(i).isEmpty()) {
                    record.put(job.header.get(i), row.get(i));
                }
            }
            warnings.add(row.size() == job.header.size() ? null
                    : "Row has " + row.size() + " values for " + job.header.size() + " columns");
            records.add(record);
        }
        List<RecordResult> results = store.sync("createOrUpdate", job.lookupField, records);
        synchronized (job) {
            for (int k = 0; k < rows.size(); k++) {
                RecordResult result = results.get(k);
                List<String> row = padded(rows.get(k), job.header.size());
                if ("skipped".equals(result.status())) {
                    row.add(result.message());
                    job.failures.add(row);
                    continue;
                }
                job.processed++;
                if (warnings.get(k) != null) {
                    row.add(warnings.get(k));
                    job.warnings.add(row);
                }
            }
        }
    }

    private static List<String> padded(List<String> row, int size) {
        List<String> out = new ArrayList<>(row.subList(0, Math.min(size, row.size())));
        while (out.size() < size) {
            out.add("");
        }
        return out;
    }

    // ---- Bulk Lead Extract ---------------------------------------------------------------------------------

    synchronized Export createExport(List<String> fields, String dateField, Instant from, Instant to) {
        if (fields.isEmpty()) {
            throw MarketoError.invalid("fields must name at least one field");
        }
        for (String field : fields) {
            if (FieldCatalogue.find(field) == null) {
                throw new MarketoError("1006", "Field '" + field + "' not found");
            }
        }
        if (!Set.of("createdAt", "updatedAt").contains(dateField)) {
            throw new MarketoError("1035", "Unsupported filter type for target subscription: " + dateField);
        }
        if (to.isBefore(from) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw MarketoError.invalid("The " + dateField + " range must run forward and span 31 days or fewer");
        }
        Export job = new Export(java.util.UUID.randomUUID().toString(), List.copyOf(fields), dateField, from, to, clock.instant());
        exports.put(job.exportId, job);
        return job;
    }

    synchronized Export exportJob(String exportId) {
        Export job = exports.get(exportId);
        if (job == null) {
            throw new MarketoError("1003", "Export id " + exportId + " not found");
        }
        return job;
    }

    synchronized Export enqueue(String exportId) {
        Export job = exportJob(exportId);
        if (!"Created".equals(job.status)) {
            throw new MarketoError("1029", "Export " + exportId + " is " + job.status + ", not Created");
        }
        if (exportQueue.size() + exporting >= MAX_QUEUED) {
            throw new MarketoError("1029", "Too many jobs (" + MAX_QUEUED + ") in queue");
        }
        if (exportBytesPerDay > 0 && exportedToday() >= exportBytesPerDay) {
            throw new MarketoError("1029", "Export daily quota " + exportBytesPerDay / (1024 * 1024) + " MB exceeded");
        }
        job.status = "Queued";
        job.queuedAt = clock.instant();
        exportQueue.addLast(job);
        startExports();
        return job;
    }

    synchronized Export cancel(String exportId) {
        Export job = exportJob(exportId);
        if (Set.of("Created", "Queued").contains(job.status)) {
            exportQueue.remove(job);
            job.status = "Cancelled";
        }
        return job;
    }

    /** The file of a Completed export; anything else is 1003 (Marketo answers the file only when it is written). */
    byte[] file(String exportId) {
        Export job = exportJob(exportId);
        if (!"Completed".equals(job.status)) {
            throw new MarketoError("1003", "Export " + exportId + " is " + job.status + "; its file is not ready");
        }
        return job.file;
    }

    private void startExports() {
        while (exporting < MAX_RUNNING && !exportQueue.isEmpty()) {
            Export job = exportQueue.pollFirst();
            exporting++;
            job.status = "Processing";
            job.startedAt = clock.instant();
            executor.execute(() -> runExport(job));
        }
    }

    private void runExport(Export job) {
        try {
            StringBuilder out = new StringBuilder(Csv.row(job.fields));
            List<List<Object>> rows = store.export(job.dateField, job.from, job.to, job.fields);
            rows.forEach(r -> out.append(Csv.row(r)));
            byte[] file = out.toString().getBytes(StandardCharsets.UTF_8);
            synchronized (this) {
                if ("Cancelled".equals(job.status)) {
                    return;
                }
                exportedToday(); // a new UTC day starts the count afresh
                exportedToday += file.length; // Marketo meters the export quota by the files' size
                job.file = file;
                job.numberOfRecords = rows.size();
            }
            job.finishedAt = clock.instant();
            job.status = "Completed";
        } catch (RuntimeException e) {
            job.finishedAt = clock.instant();
            job.status = "Failed";
        } finally {
            synchronized (this) {
                exporting = Math.max(0, exporting - 1);
                startExports();
            }
        }
    }

    private long exportedToday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(exportDay)) {
            exportDay = today;
            exportedToday = 0;
        }
        return exportedToday;
    }

    /** An import file over {@link #MAX_FILE_BYTES}: HTTP 413, as Marketo's error codes list it. */
    static final class FileTooLarge extends RuntimeException {
        FileTooLarge(int bytes) {
            super("Request Entity Too Large: the file has " + bytes + " bytes, at most " + MAX_FILE_BYTES + " are accepted");
        }
    }
}
