import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * LeadSync benchmark (README, Benchmark): starts Payara Micro with the WAR on PostgreSQL, sandbox limits
 * off, seeds the sandbox and prints one JSON line per scenario. Talks to 127.0.0.1 only; every wait is
 * bounded and a missed deadline fails the run with a message. Run through bench/run.sh, which builds
 * first and puts the PostgreSQL driver on the class path.
 *
 * Settings (environment): BENCH_N (100000), BENCH_PORT (8080), BENCH_DB (leadsync_bench),
 * BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/postgres), BENCH_PG_USER (postgres),
 * BENCH_TIMEOUT_MIN (30, for the whole run), BENCH_URL (use an app already running there instead of
 * starting one: no database set-up, no heap figures unless BENCH_PID is given too).
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
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String base;
    String adminPassword = password;
    Process payara;
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
            if (!URI.create(base).getHost().equals("127.0.0.1") && !URI.create(base).getHost().equals("localhost")) {
                throw new IllegalStateException("BENCH_URL must point at 127.0.0.1");
            }
            adminPassword = env("BENCH_ADMIN_PASSWORD", "");
            String pid = System.getenv("BENCH_PID");
            if (pid != null) {
                heap = HeapSampler.start(Long.parseLong(pid));
            }
        } else {
            base = "http://127.0.0.1:" + port;
            checkPortFree();
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
        targets.put("recordsPerSecond>=3000", rate >= 3000);
        targets.put("marketoWrites<=1.02*ceil(n/300)=" + (long) Math.floor(1.02 * writeBound), marketoWrites <= 1.02 * writeBound);
        targets.put("peakHeapMB<=512", peak >= 0 && peak <= 512);
        return line("initial-sync", n, seconds, rate, calls, cycleSeconds, cycles, peak, targets);
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
        Map<String, Object> token = get("/sandbox/marketo/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=sandbox-client&client_secret=sandbox-secret", null);
        String bearer = "Bearer " + token.get("access_token");
        int step = n / count;
        for (int from = 0; from < count; from += 300) {
            StringBuilder input = new StringBuilder();
            for (int k = from; k < Math.min(count, from + 300); k++) {
                int i = k * step;
                input.append(input.length() == 0 ? "" : ",").append("{\"email\":\"seed-lead-").append(i)
                        .append("@example.com\",\"firstName\":\"BenchM").append(i).append("\"}");
            }
            Map<String, Object> answer = post("/sandbox/marketo/rest/v1/leads.json",
                    "{\"action\":\"updateOnly\",\"lookupField\":\"email\",\"input\":[" + input + "]}", bearer);
            if (!Boolean.TRUE.equals(answer.get("success"))) {
                throw new IllegalStateException("Marketo sandbox refused the update: " + answer);
            }
            for (Object row : (List<?>) answer.get("result")) {
                if (!"updated".equals(((Map<?, ?>) row).get("status"))) {
                    throw new IllegalStateException("Marketo sandbox did not update a person: " + row);
                }
            }
        }
    }

    /** PATCH lastname of leads 50, 150, 250... (pairs disjoint from the Marketo side's). */
    void changeInDynamics(int count) throws Exception {
        String form = "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret&scope="
                + java.net.URLEncoder.encode(base + "/sandbox/dynamics/.default", StandardCharsets.UTF_8);
        HttpResponse<String> tokenAnswer = send(HttpRequest.newBuilder(URI.create(base + "/sandbox/dynamics/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (tokenAnswer.statusCode() != 200) {
            throw new IllegalStateException("Dynamics sandbox token: HTTP " + tokenAnswer.statusCode() + " " + tokenAnswer.body());
        }
        String bearer = "Bearer " + Json.parse(tokenAnswer.body()).get("access_token");
        int step = n / count;
        for (int k = 0; k < count; k++) {
            int i = k * step + step / 2;
            UUID id = UUID.nameUUIDFromBytes(("lead-" + i).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/sandbox/dynamics/api/data/v9.2/leads(" + id + ")"))
                    .header("Authorization", bearer).header("Content-Type", "application/json").header("If-Match", "*")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"lastname\":\"BenchD" + i + "\"}")));
            if (answer.statusCode() != 204) {
                throw new IllegalStateException("Dynamics sandbox PATCH leads(" + id + "): HTTP " + answer.statusCode() + " " + answer.body());
            }
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
        return Json.write(out);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    // ---------------------------------------------------------------- the app and its database

    void checkPortFree() {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use; set BENCH_PORT to a free one");
        }
    }

    void recreateDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, env("BENCH_PG_PASSWORD", ""));
             Statement s = c.createStatement()) {
            s.setQueryTimeout(60);
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + pgUrl + " (user " + pgUser + "): " + e.getMessage());
        }
        log("database " + db + " created empty");
    }

    void startPayara() throws Exception {
        Path root = WORK.resolve("payara");
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String dbUrl = pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1) + db;
        List<String> command = List.of("java", "-Xmx512m", "-Xlog:gc:file=" + WORK.resolve("gc.log") + ":uptime",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + WORK,
                "-jar", "target/payara-micro.jar", "--nocluster", "--port", String.valueOf(port),
                "--rootdir", root.toString(), "--addlibs", "target/postgresql.jar",
                "--postbootcommandfile", "server-config/post-boot-postgresql.asadmin",
                "--deploy", "target/leadsync.war", "--contextroot", "/");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("payara.log").toFile());
        Map<String, String> e = pb.environment();
        e.put("LEADSYNC_DB_URL", dbUrl);
        e.put("LEADSYNC_DB_USER", pgUser);
        e.put("LEADSYNC_DB_PASSWORD", env("BENCH_PG_PASSWORD", "unused"));
        e.put("LEADSYNC_ADMIN_PASSWORD", password);
        e.put("LEADSYNC_SELF_URL", base);
        e.put("LEADSYNC_SYNC_INTERVAL", "PT2S");
        e.put("LEADSYNC_SYNC_FIRST_DELAY", "PT1S");
        e.put("LEADSYNC_SYNC_LEASE", "PT10M");
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
        payara = pb.start();
        log("started Payara Micro (pid " + payara.pid() + ") on port " + port + ", PostgreSQL database " + db
                + ", log " + WORK.resolve("payara.log"));
        heap = HeapSampler.start(payara.pid());
    }

    synchronized void stop() {
        if (heap != null) {
            heap.stop();
        }
        if (payara != null && payara.isAlive()) {
            payara.destroy();
            try {
                if (!payara.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    payara.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                payara.destroyForcibly();
            }
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

    // ---------------------------------------------------------------- HTTP

    interface Check {
        boolean ok() throws Exception;
    }

    void waitFor(String what, Duration limit, Check check) throws Exception {
        waitFor(what, limit, check, Duration.ofMillis(500));
    }

    void waitFor(String what, Duration limit, Check check, Duration poll) throws Exception {
        Instant until = Instant.now().plus(limit);
        if (until.isAfter(deadline)) {
            until = deadline;
        }
        Exception last = null;
        while (Instant.now().isBefore(until)) {
            if (payara != null && !payara.isAlive()) {
                throw new IllegalStateException("Payara Micro exited (code " + payara.exitValue() + ") while waiting for " + what);
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(poll.toMillis());
        }
        throw new IllegalStateException("timed out after " + limit + " waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    int status(String method, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    Map<String, Object> get(String path, String auth) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(base + path)).GET(), auth);
    }

    Map<String, Object> post(String path, String body, String auth) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), auth);
    }

    Map<String, Object> call(HttpRequest.Builder request, String auth) throws Exception {
        if ("admin".equals(auth)) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
        } else if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + ": HTTP "
                    + answer.statusCode() + " " + answer.body());
        }
        return answer.body().isBlank() ? Map.of() : Json.parse(answer.body());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    static void log(String message) {
        System.err.println("[bench " + Instant.now() + "] " + message);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }

    /** Just enough JSON for the sandbox's and the status API's answers. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> parse(String text) {
            Object value = new Json(text).value();
            if (!(value instanceof Map)) {
                throw new IllegalStateException("not a JSON object: " + text);
            }
            return (Map<String, Object>) value;
        }

        private Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    i++; // :
                    map.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return false;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String number = s.substring(start, i);
            return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        static String write(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof Map<?, ?> map) {
                StringBuilder out = new StringBuilder("{");
                map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(write(String.valueOf(k))).append(':').append(write(v)));
                return out.append('}').toString();
            }
            if (value instanceof List<?> list) {
                StringBuilder out = new StringBuilder("[");
                list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(write(v)));
                return out.append(']').toString();
            }
            if (value instanceof Number || value instanceof Boolean) {
                return String.valueOf(value);
            }
            return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
