import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LeadSync benchmark (README, Benchmark): starts Payara Micro with the WAR on PostgreSQL, sandbox limits
 * off, seeds the sandbox and prints one JSON line per scenario. Talks to 127.0.0.1 only; every wait is
 * bounded and a missed deadline fails the run with a message. Run through bench/run.sh, which builds
 * first and puts the PostgreSQL driver on the class path.
 *
 * Settings (environment): BENCH_N (100000), BENCH_PORT (8080), BENCH_DB (leadsync_bench), BENCH_LIMITS and
 * BENCH_LATENCY (off; on keeps the vendors' limits, adds their latency), BENCH_INITIAL (rest; bulk lets the initial sync
 * create by Bulk Lead Import),
 * BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/postgres), BENCH_PG_USER (postgres),
 * BENCH_TIMEOUT_MIN (30, for the whole run), BENCH_URL (use an app already running there instead of
 * starting one: no database set-up, no heap figures unless BENCH_PID is given too). Payara, PostgreSQL, HTTP,
 * the vendor clients and JSON come from bench/Kit.java, which the reliability suite shares.
 */
public class Bench {

    static final Path WORK = Path.of("target", "bench");
    static final String TENANT = "bench";

    final int n = intEnv("BENCH_N", 100_000);
    final int port = intEnv("BENCH_PORT", 8080);
    final String db = env("BENCH_DB", "leadsync_bench");
    final String pgUrl = env("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    final String pgUser = env("BENCH_PG_USER", "postgres");
    final Instant deadline = Instant.now().plus(Duration.ofMinutes(intEnv("BENCH_TIMEOUT_MIN", 30)));
    final String password = "bench-" + UUID.randomUUID();
    /** BENCH_LIMITS=on: the sandbox's vendor limits stay on (100 Marketo calls / 20 s, 10 concurrent; Dataverse 6,000 / 5 min, 52). */
    final boolean limitsOn = "on".equals(env("BENCH_LIMITS", "off"));
    /** BENCH_LATENCY=on: Marketo p50 250 ms / p99 1 s, Dataverse p50 80 ms / p99 400 ms (docs/sandbox.md, Latency). */
    final boolean latencyOn = "on".equals(env("BENCH_LATENCY", "off"));
    /** BENCH_INITIAL=bulk: the initial sync may create by Bulk Lead Import (docs/sync-rules.md R10, Bulk creation); rest: never. */
    final boolean bulkOn = "bulk".equals(env("BENCH_INITIAL", "rest"));

    String base;
    String adminPassword = password;
    Kit.Http http;
    Kit.Payara payara;
    HeapSampler heap;

    public static void main(String[] args) {
        Bench bench = new Bench();
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stop));
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("BENCHMARK FAILED: " + e.getMessage());
            System.err.println("Payara's log: " + WORK.resolve("payara.log").toAbsolutePath());
            bench.stop();
            System.exit(1);
        }
        bench.stop();
        System.exit(0);
    }

    void run() throws Exception {
        Files.createDirectories(WORK);
        String external = System.getenv("BENCH_URL");
        if (external != null && !external.isBlank()) {
            base = external.replaceAll("/$", "");
            adminPassword = env("BENCH_ADMIN_PASSWORD", "");
            http = new Kit.Http(base, adminPassword); // refuses anything but 127.0.0.1
            String pid = System.getenv("BENCH_PID");
            if (pid != null) {
                heap = HeapSampler.start(Long.parseLong(pid));
            }
        } else {
            base = "http://127.0.0.1:" + port;
            http = new Kit.Http(base, adminPassword);
            Kit.checkPortFree(port, "BENCH_PORT");
            recreateDatabase();
            startPayara();
        }
        waitFor("the app to answer /health/ready", Duration.ofMinutes(4), () -> status("GET", "/health/ready") == 200);
        log("app ready at " + base);

        // the first cycle on an empty sandbox sets every cursor; then hold the cycle while seeding
        waitFor("a first sync cycle", Duration.ofMinutes(2), () -> lastCycle() != null);
        pauseBetweenCycles();
        resetHeapWindow();
        Map<String, Object> seeded = post("/sandbox/admin/seed", "{\"dynamicsLeads\":" + n + ",\"seed\":42}", null);
        log("seeded " + n + " Dynamics leads: " + seeded);
        System.out.println(initialSync());
        System.out.println(incremental());
        System.out.println(echoCycle());
        System.out.println(quiescent());
    }

    // ---------------------------------------------------------------- scenarios

    String initialSync() throws Exception {
        Map<String, Object> before = stats();
        Map<String, Object> previous = lastCycle();
        Instant resumed = Instant.now();
        resume();
        Map<String, Object> cycle = waitForCycleAfter(previous, Duration.ofMinutes(25));
        // one cycle drains every page; should it have stopped early (failed), keep going until all are linked
        List<Map<String, Object>> cycles = new ArrayList<>(List.of(cycle));
        while (activeLinks() < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("initial sync did not link " + n + " records in time ("
                        + activeLinks() + " linked; last cycle " + cycle + ")");
            }
            cycle = waitForCycleAfter(cycle, Duration.ofMinutes(10));
            cycles.add(cycle);
        }
        pause();
        double seconds = secondsSince(resumed);
        Map<String, Object> after = stats();
        double cycleSeconds = cycles.stream().mapToDouble(Bench::cycleSeconds).sum();
        Map<String, Map<String, Long>> calls = callDelta(before, after);
        double rate = n / cycleSeconds;
        long writeBound = (long) Math.ceil(n / 300.0);
        long marketoWrites = calls.get("marketo").get("write");
        long peak = heapWindowPeak();
        Map<String, Object> targets = new LinkedHashMap<>();
        double callsPer1000 = (calls.get("marketo").get("read") + marketoWrites) * 1000.0 / n;
        if (!limitsOn) {
            targets.put("recordsPerSecond>=3000", rate >= 3000);
        } else if (bulkOn) { // issue 16's figures for the bulk path
            targets.put("recordsPerSecond>=1500", rate >= 1500);
            targets.put("marketoCallsPer1000<=4", callsPer1000 <= 4);
        } else { // 90 % of the REST ceiling (one write and one leadchanges page per 300 records)
            targets.put("recordsPerSecond>=675", rate >= 675);
            targets.put("marketoCallsPer1000<=7", callsPer1000 <= 7);
        }
        if (!bulkOn) {
            targets.put("marketoWrites<=1.02*ceil(n/300)=" + (long) Math.floor(1.02 * writeBound), marketoWrites <= 1.02 * writeBound);
        }
        targets.put("peakHeapMB<=512", peak >= 0 && peak <= 512);
        return line(bulkOn ? "initial-sync-bulk" : "initial-sync", n, seconds, rate, calls, cycleSeconds, cycles, peak, targets);
    }

    String incremental() throws Exception {
        int changed = Math.max(1, n / 100);
        Instant started = Instant.now();
        changeInMarketo(changed);
        changeInDynamics(changed);
        log("changed " + changed + " persons in Marketo and " + changed + " leads in Dynamics in "
                + String.format("%.1f", secondsSince(started)) + " s");
        return timedCycle("incremental", 2 * changed, (rate, cycleSeconds, calls, peak) -> {
            Map<String, Object> targets = new LinkedHashMap<>();
            targets.put("cycleSeconds<=5", cycleSeconds <= 5);
            targets.put("peakHeapMB<=512", peak >= 0 && peak <= 512);
            return targets;
        });
    }

    /** The cycle after the incremental one reads back our own Dynamics writes (R7 echoes): not a target, shown for honesty. */
    String echoCycle() throws Exception {
        return timedCycle("incremental-echo", 0, (rate, cycleSeconds, calls, peak) -> {
            Map<String, Object> targets = new LinkedHashMap<>();
            targets.put("writes=0", writes(calls) == 0);
            return targets;
        });
    }

    String quiescent() throws Exception {
        return timedCycle("quiescent", 0, (rate, cycleSeconds, calls, peak) -> {
            Map<String, Object> targets = new LinkedHashMap<>();
            targets.put("writes=0", writes(calls) == 0);
            targets.put("readCalls<=6", calls.get("marketo").get("read") + calls.get("dynamics").get("read") <= 6);
            targets.put("peakHeapMB<=512", peak >= 0 && peak <= 512);
            return targets;
        });
    }

    interface Targets {
        Map<String, Object> of(double rate, double cycleSeconds, Map<String, Map<String, Long>> calls, long peak);
    }

    /** Resumes for exactly one cycle (paused before and after) and reports it. */
    String timedCycle(String scenario, int records, Targets targets) throws Exception {
        resetHeapWindow();
        Map<String, Object> before = stats();
        Map<String, Object> previous = lastCycle();
        Instant resumed = Instant.now();
        resume();
        Map<String, Object> cycle = waitForCycleAfter(previous, Duration.ofMinutes(5));
        pause();
        double seconds = secondsSince(resumed);
        Map<String, Map<String, Long>> calls = callDelta(before, stats());
        double cycleSeconds = cycleSeconds(cycle);
        long peak = heapWindowPeak();
        double rate = records == 0 ? 0 : records / cycleSeconds;
        return line(scenario, records, seconds, rate, calls, cycleSeconds, List.of(cycle), peak,
                targets.of(rate, cycleSeconds, calls, peak));
    }

    // ---------------------------------------------------------------- changes through the vendors' own APIs

    /** updateOnly by email, 300 per call: firstName of persons linked to leads 0, 100, 200... */
    void changeInMarketo(int count) throws Exception {
        Kit.Marketo marketo = new Kit.Marketo(http, "/sandbox/marketo", "sandbox-client", "sandbox-secret");
        int step = n / count;
        for (int from = 0; from < count; from += 300) {
            List<Map<String, Object>> input = new ArrayList<>();
            for (int k = from; k < Math.min(count, from + 300); k++) {
                int i = k * step;
                input.add(Map.of("email", "seed-lead-" + i + "@example.com", "firstName", "BenchM" + i));
            }
            for (Map<String, Object> row : marketo.sync("updateOnly", "email", input)) {
                if (!"updated".equals(row.get("status"))) {
                    throw new IllegalStateException("Marketo sandbox did not update a person: " + row);
                }
            }
        }
    }

    /** PATCH lastname of leads 50, 150, 250... (pairs disjoint from the Marketo side's). */
    void changeInDynamics(int count) throws Exception {
        Kit.Dynamics dynamics = new Kit.Dynamics(http, "/sandbox/dynamics", TENANT, "sandbox-client", "sandbox-secret", null, null);
        int step = n / count;
        for (int k = 0; k < count; k++) {
            int i = k * step + step / 2;
            UUID id = UUID.nameUUIDFromBytes(("lead-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            dynamics.update("leads", id.toString(), "{\"lastname\":\"BenchD" + i + "\"}");
        }
    }

    // ---------------------------------------------------------------- cycle control

    /** Pauses right after a cycle ends, so no cycle is cut short by the pause. */
    void pauseBetweenCycles() throws Exception {
        Map<String, Object> last = lastCycle();
        waitForCycleAfter(last, Duration.ofMinutes(5));
        pause();
    }

    void pause() throws Exception {
        post("/api/sync/pause", "", "admin");
    }

    void resume() throws Exception {
        post("/api/sync/resume", "", "admin");
    }

    /** Waits until a cycle other than `previous` has finished; polls fast so the caller can pause before the next. */
    @SuppressWarnings("unchecked")
    Map<String, Object> waitForCycleAfter(Map<String, Object> previous, Duration limit) throws Exception {
        Object previousStart = previous == null ? null : previous.get("startedAt");
        Map<String, Object>[] found = new Map[1];
        waitFor("a sync cycle to finish", limit, () -> {
            Map<String, Object> last = lastCycle();
            if (last != null && last.get("finishedAt") != null && !last.get("startedAt").equals(previousStart)) {
                found[0] = last;
                return true;
            }
            return false;
        }, Duration.ofMillis(100));
        return found[0];
    }

    Map<String, Object> lastCycle() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) get("/api/sync/status", "admin").get("lastCycle");
        return last;
    }

    long activeLinks() throws Exception {
        return ((Number) ((Map<?, ?>) get("/api/sync/status", "admin").get("links")).get("active")).longValue();
    }

    static double cycleSeconds(Map<String, Object> cycle) {
        return Duration.between(Instant.parse((String) cycle.get("startedAt")), Instant.parse((String) cycle.get("finishedAt")))
                .toMillis() / 1000.0;
    }

    // ---------------------------------------------------------------- API calls (sandbox stats)

    Map<String, Object> stats() throws Exception {
        return get("/sandbox/admin/stats", null);
    }

    /** Calls per system split into read, write and auth (token) calls, from two /sandbox/admin/stats snapshots. */
    static Map<String, Map<String, Long>> callDelta(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String system : List.of("marketo", "dynamics")) {
            Map<String, Long> kinds = new LinkedHashMap<>(Map.of());
            kinds.put("read", 0L);
            kinds.put("write", 0L);
            kinds.put("auth", 0L);
            Map<String, Long> a = endpoints(after, system);
            Map<String, Long> b = endpoints(before, system);
            Map<String, Long> byEndpoint = new LinkedHashMap<>();
            a.forEach((endpoint, count) -> {
                long delta = count - b.getOrDefault(endpoint, 0L);
                if (delta != 0) {
                    byEndpoint.put(endpoint, delta);
                    kinds.merge(kind(endpoint), delta, Long::sum);
                }
            });
            out.put(system, kinds);
            out.put(system + "ByEndpoint", byEndpoint);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> endpoints(Map<String, Object> stats, String system) {
        Map<String, Object> s = (Map<String, Object>) stats.get(system);
        Object calls = s.containsKey("callsByEndpoint") ? s.get("callsByEndpoint") : s.get("calls");
        Map<String, Long> out = new LinkedHashMap<>();
        ((Map<String, Object>) calls).forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    /** Token calls are auth; GETs are reads; every POST/PATCH/DELETE (Dynamics $batch included) is a write. */
    static String kind(String endpoint) {
        if (endpoint.contains("token") && !endpoint.contains("pagingtoken")) {
            return "auth";
        }
        return endpoint.startsWith("GET") ? "read" : "write";
    }

    static long writes(Map<String, Map<String, Long>> calls) {
        return calls.get("marketo").get("write") + calls.get("dynamics").get("write");
    }

    // ---------------------------------------------------------------- output

    String line(String scenario, int records, double seconds, double rate, Map<String, Map<String, Long>> calls,
                double cycleSeconds, List<Map<String, Object>> cycles, long peak, Map<String, Object> targets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("records", records);
        out.put("seconds", round(seconds));
        out.put("recordsPerSecond", Math.round(rate));
        out.put("limits", limitsOn ? "on" : "off");
        out.put("latency", latencyOn ? "on" : "off");
        long marketoCalls = calls.get("marketo").get("read") + calls.get("marketo").get("write");
        out.put("marketoCallsPer1000Records", records == 0 ? null : round(marketoCalls * 1000.0 / records));
        // the quota ceiling: Marketo's 100 calls / 20 s spent at this scenario's calls per record
        double ceiling = marketoCalls == 0 ? 0 : 5.0 * records / marketoCalls;
        out.put("quotaCeilingRecordsPerSecond", records == 0 || marketoCalls == 0 ? null : Math.round(ceiling));
        out.put("ratioToQuotaCeiling", records == 0 || marketoCalls == 0 ? null : round(rate / ceiling));
        out.put("loadAverage", loadAverage());
        Map<String, Object> apiCalls = new LinkedHashMap<>();
        apiCalls.put("marketo", calls.get("marketo"));
        apiCalls.put("dynamics", calls.get("dynamics"));
        out.put("apiCalls", apiCalls);
        out.put("cycleSeconds", round(cycleSeconds));
        out.put("cycles", cycles.size());
        Map<String, Object> last = cycles.get(cycles.size() - 1);
        Map<String, Object> cycle = new LinkedHashMap<>();
        for (String key : List.of("pulledFromMarketo", "pulledFromDynamics", "writtenToMarketo", "writtenToDynamics",
                "collisions", "failed", "outcome")) {
            cycle.put(key, last.get(key));
        }
        out.put("lastCycle", cycle);
        out.put("peakHeapMB", peak);
        out.put("peakHeapMBWholeRun", heap == null ? -1 : heap.peakMb());
        out.put("targets", targets);
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("marketo", calls.get("marketoByEndpoint"));
        endpoints.put("dynamics", calls.get("dynamicsByEndpoint"));
        out.put("callsByEndpoint", endpoints);
        return Kit.Json.write(out);
    }

    /** The machine's 1-minute load average at the end of the scenario (the machine may be shared). */
    static Double loadAverage() {
        try {
            return Double.valueOf(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- the app and its database

    void recreateDatabase() {
        Kit.Pg.recreate(pgUrl, pgUser, env("BENCH_PG_PASSWORD", ""), db);
        log("database " + db + " created empty");
    }

    void startPayara() throws Exception {
        payara = new Kit.Payara("bench", port, WORK.resolve("payara"), WORK.resolve("payara.log"));
        payara.postgres = true;
        payara.jvmOptions.addAll(List.of("-Xmx512m", "-Xlog:gc:file=" + WORK.resolve("gc.log") + ":uptime",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + WORK));
        Map<String, String> e = payara.env;
        e.put("LEADSYNC_DB_URL", Kit.Pg.urlFor(pgUrl, db));
        e.put("LEADSYNC_DB_USER", pgUser);
        e.put("LEADSYNC_DB_PASSWORD", env("BENCH_PG_PASSWORD", "unused"));
        e.put("LEADSYNC_ADMIN_PASSWORD", password);
        e.put("LEADSYNC_SELF_URL", base);
        e.put("LEADSYNC_SANDBOX_DEMO_DATA", "false"); // the benchmark seeds its own data
        e.put("LEADSYNC_SYNC_INTERVAL", "PT2S");
        e.put("LEADSYNC_SYNC_FIRST_DELAY", "PT1S");
        e.put("LEADSYNC_SYNC_LEASE", "PT10M");
        if (limitsOn) {
            // the vendors' documented limits (the sandbox's defaults), LeadSync's pacing just under them
            e.put("LEADSYNC_MARKETO_CALLS_PER_20S", "98");
            e.put("LEADSYNC_MARKETO_MAX_CONCURRENT", "10");
            e.put("LEADSYNC_DYNAMICS_MAX_CONCURRENT", "52");
        } else {
            // sandbox limits off (0 disables a limit) ...
            e.put("LEADSYNC_SANDBOX_MARKETO_CALLS_PER_20S", "0");
            e.put("LEADSYNC_SANDBOX_MARKETO_MAX_CONCURRENT", "0");
            e.put("LEADSYNC_SANDBOX_MARKETO_DAILY_QUOTA", "0");
            e.put("LEADSYNC_SANDBOX_DYNAMICS_REQUESTS_PER_5MIN", "0");
            e.put("LEADSYNC_SANDBOX_DYNAMICS_MAX_CONCURRENT", "0");
            // ... and LeadSync's own pacing raised to match (0 is off for the call windows)
            e.put("LEADSYNC_MARKETO_CALLS_PER_20S", "0");
            e.put("LEADSYNC_MARKETO_MAX_CONCURRENT", "10");
            e.put("LEADSYNC_DYNAMICS_REQUESTS_PER_5MIN", "0");
            e.put("LEADSYNC_DYNAMICS_MAX_CONCURRENT", "52");
        }
        if (bulkOn) { // every Marketo person was created today: the census reads one range (R10, Bulk creation)
            e.put("LEADSYNC_MARKETO_BULK_IMPORT_CENSUS_SINCE", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString());
        }
        if (latencyOn) { // what tenants typically see (docs/sandbox.md, Latency)
            e.put("LEADSYNC_SANDBOX_MARKETO_LATENCY_P50", "PT0.25S");
            e.put("LEADSYNC_SANDBOX_MARKETO_LATENCY_P99", "PT1S");
            e.put("LEADSYNC_SANDBOX_DYNAMICS_LATENCY_P50", "PT0.08S");
            e.put("LEADSYNC_SANDBOX_DYNAMICS_LATENCY_P99", "PT0.4S");
        }
        Process process = payara.start(false);
        log("started Payara Micro (pid " + process.pid() + ") on port " + port + ", PostgreSQL database " + db
                + ", log " + WORK.resolve("payara.log"));
        heap = HeapSampler.start(process.pid());
    }

    synchronized void stop() {
        if (heap != null) {
            heap.stop();
        }
        if (payara != null && payara.alive()) {
            payara.stop(Duration.ofSeconds(30));
            log("stopped Payara Micro");
        }
        payara = null;
    }

    void resetHeapWindow() {
        if (heap != null) {
            heap.resetWindow();
        }
    }

    long heapWindowPeak() {
        return heap == null ? -1 : heap.windowPeakMb();
    }

    /** Samples the app's used heap (jstat -gc, every 250 ms): eden + survivors + old, in MB. */
    static final class HeapSampler {
        final Process jstat;
        final AtomicLong peakKb = new AtomicLong(-1);
        final AtomicLong windowKb = new AtomicLong(-1);

        HeapSampler(Process jstat) {
            this.jstat = jstat;
        }

        static HeapSampler start(long pid) throws IOException {
            Process p = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "250")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            HeapSampler sampler = new HeapSampler(p);
            Thread reader = new Thread(() -> sampler.read(p), "heap-sampler");
            reader.setDaemon(true);
            reader.start();
            return sampler;
        }

        void read(Process p) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                List<String> header = null;
                String line;
                while ((line = in.readLine()) != null) {
                    String[] cols = line.trim().split("\\s+");
                    if (cols.length > 0 && cols[0].equals("S0C")) {
                        header = List.of(cols);
                        continue;
                    }
                    if (header == null || cols.length != header.size()) {
                        continue;
                    }
                    double used = 0;
                    for (String col : List.of("S0U", "S1U", "EU", "OU")) {
                        used += Double.parseDouble(cols[header.indexOf(col)]);
                    }
                    long kb = (long) used;
                    peakKb.accumulateAndGet(kb, Math::max);
                    windowKb.accumulateAndGet(kb, Math::max);
                }
            } catch (IOException | RuntimeException ignored) {
                // the app stopped
            }
        }

        void resetWindow() {
            windowKb.set(-1);
        }

        long windowPeakMb() {
            long kb = windowKb.get();
            return kb < 0 ? -1 : (kb + 1023) / 1024;
        }

        long peakMb() {
            long kb = peakKb.get();
            return kb < 0 ? -1 : (kb + 1023) / 1024;
        }

        void stop() {
            jstat.destroy();
        }
    }

    // ---------------------------------------------------------------- HTTP and helpers (bench/Kit.java)

    void waitFor(String what, Duration limit, Kit.Check check) throws Exception {
        waitFor(what, limit, check, Duration.ofMillis(500));
    }

    void waitFor(String what, Duration limit, Kit.Check check, Duration poll) throws Exception {
        Kit.waitFor(what, limit, deadline, poll, check, payara == null ? null : payara.process());
    }

    int status(String method, String path) throws Exception {
        return http.status(method, path);
    }

    Map<String, Object> get(String path, String auth) throws Exception {
        return http.get(path, auth);
    }

    Map<String, Object> post(String path, String body, String auth) throws Exception {
        return http.post(path, body, auth);
    }

    static double secondsSince(Instant start) {
        return Kit.secondsSince(start);
    }

    static void log(String message) {
        Kit.log("bench", message);
    }

    static String env(String name, String fallback) {
        return Kit.env(name, fallback);
    }

    static int intEnv(String name, int fallback) {
        return Kit.intEnv(name, fallback);
    }

    static double round(double v) {
        return Kit.round(v);
    }
}
