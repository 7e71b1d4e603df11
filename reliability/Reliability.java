import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * LeadSync reliability suite (README, Reliability suite): proves that no update is lost in production shape.
 * The vendors run in a JVM of their own (the WAR with leadsync.sandbox-only=true, on H2); LeadSync runs in one
 * or two other JVMs on PostgreSQL, pointed at them through the vendor base URLs, and is killed with SIGKILL,
 * doubled, and stormed with faults while a driver edits both systems through their own APIs. Each scenario
 * prints one JSON line on stdout; progress goes to stderr, Payara's logs to target/reliability/. Every wait is
 * bounded by the run's deadline; all traffic stays on 127.0.0.1. Run through reliability/run.sh.
 *
 * Settings (environment): REL_LEADS (5000), REL_CONTACTS (REL_LEADS/10), REL_KILLS (20), REL_EDITS_PER_ROUND
 * (40), REL_ROUND_MS (2000), REL_SCENARIOS (initial-sync,kill-9,two-instances,fault-storm), REL_TIMEOUT_MIN (40),
 * REL_CONVERGE_MIN (5), REL_CONVERGE_CYCLES (2), REL_TWO_INSTANCE_SECONDS (60), REL_INTERVAL (PT2S), REL_LEASE (PT10S), REL_SEED
 * (random, printed), REL_SANDBOX_PORT / REL_PORT_A / REL_PORT_B (18081 / 18082 / 18083), REL_DB
 * (leadsync_reliability), REL_PG_URL (jdbc:postgresql://127.0.0.1:5432/postgres), REL_PG_USER (postgres),
 * REL_PG_PASSWORD (empty), REL_WAR (target/leadsync.war), REL_PID_FILE (written for run.sh's trap).
 */
public class Reliability {

    static final Path WORK = Path.of("target", "reliability");
    static final String SCENARIO_INITIAL = "initial-sync";
    static final String SCENARIO_KILL = "kill-9";
    static final String SCENARIO_TWO = "two-instances";
    static final String SCENARIO_STORM = "fault-storm";
    static final String SCENARIO_FLOW = "flow-action";

    final int leads = Kit.intEnv("REL_LEADS", 5000);
    final int contacts = Kit.intEnv("REL_CONTACTS", leads / 10);
    final int kills = Kit.intEnv("REL_KILLS", 20);
    final int editsPerRound = Kit.intEnv("REL_EDITS_PER_ROUND", 40);
    final int roundMs = Kit.intEnv("REL_ROUND_MS", 2000);
    final int twoInstanceSeconds = Kit.intEnv("REL_TWO_INSTANCE_SECONDS", 60);
    final Duration convergeLimit = Duration.ofMinutes(Kit.intEnv("REL_CONVERGE_MIN", 5));
    /** A scenario passes only when both systems are right after at most this many cycles started after editing stopped. */
    final int convergeCycles = Kit.intEnv("REL_CONVERGE_CYCLES", 2);
    final Duration interval = Duration.parse(Kit.env("REL_INTERVAL", "PT2S"));
    final Duration lease = Duration.parse(Kit.env("REL_LEASE", "PT10S"));
    final long seed = Long.parseLong(Kit.env("REL_SEED", String.valueOf(System.nanoTime() % 1_000_000_000L)));
    final Set<String> scenarios = new LinkedHashSet<>(Arrays.asList(
            Kit.env("REL_SCENARIOS", SCENARIO_INITIAL + "," + SCENARIO_KILL + "," + SCENARIO_TWO + "," + SCENARIO_STORM + "," + SCENARIO_FLOW)
                    .split("\\s*,\\s*")));
    final int sandboxPort = Kit.intEnv("REL_SANDBOX_PORT", 18081);
    final int portA = Kit.intEnv("REL_PORT_A", 18082);
    final int portB = Kit.intEnv("REL_PORT_B", 18083);
    final String db = Kit.env("REL_DB", "leadsync_reliability");
    final String pgUrl = Kit.env("REL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    final String pgUser = Kit.env("REL_PG_USER", "postgres");
    final String pgPassword = Kit.env("REL_PG_PASSWORD", "");
    final Path war = Path.of(Kit.env("REL_WAR", "target/leadsync.war"));
    final Path pidFile = System.getenv("REL_PID_FILE") == null ? null : Path.of(System.getenv("REL_PID_FILE"));
    final Instant deadline = Instant.now().plus(Duration.ofMinutes(Kit.intEnv("REL_TIMEOUT_MIN", 40)));
    final String adminPassword = "rel-" + UUID.randomUUID();
    final String webhookKey = "rel-hook-" + UUID.randomUUID();
    final int flowCalls = Kit.intEnv("REL_FLOW_CALLS", 20);
    final Random random = new Random(seed);

    Kit.Payara sandbox;
    Kit.Http sandboxHttp;
    final List<Node> nodes = new ArrayList<>();
    Db database;
    Records records;
    Driver driver;
    Checker checker;
    Kit.Marketo marketo;
    Kit.Dynamics dynamics;
    double initialSyncSeconds;
    boolean allPassed = true;

    /** One LeadSync JVM; `holder` is the lease holder id of its current process, learned from cycle_run. */
    final class Node {
        final String name;
        final Kit.Payara payara;
        final Kit.Http api;
        volatile String holder;
        int starts;

        Node(String name, int port) {
            this.name = name;
            payara = new Kit.Payara("leadsync-" + name, port, WORK.resolve("root-" + name), WORK.resolve("leadsync-" + name + ".log"));
            payara.war = war;
            payara.postgres = true;
            payara.pidFile = pidFile;
            payara.jvmOptions.addAll(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
            Map<String, String> e = payara.env;
            String vendors = sandboxHttp.base;
            e.put("LEADSYNC_DB_URL", Kit.Pg.urlFor(pgUrl, db));
            e.put("LEADSYNC_DB_USER", pgUser);
            e.put("LEADSYNC_DB_PASSWORD", pgPassword.isEmpty() ? "unused" : pgPassword);
            e.put("LEADSYNC_ADMIN_PASSWORD", adminPassword);
            e.put("LEADSYNC_WEBHOOK_API_KEY", webhookKey);
            e.put("LEADSYNC_MARKETO_BASE_URL", vendors + "/sandbox/marketo");
            e.put("LEADSYNC_DYNAMICS_BASE_URL", vendors + "/sandbox/dynamics");
            e.put("LEADSYNC_DYNAMICS_TOKEN_URL", vendors + "/sandbox/dynamics/leadsync/oauth2/v2.0/token");
            e.put("LEADSYNC_SANDBOX_ENABLED", "false"); // its own in-process sandbox is off: only the vendors' JVM serves them
            e.put("LEADSYNC_SYNC_INTERVAL", interval.toString());
            e.put("LEADSYNC_SYNC_FIRST_DELAY", "PT1S");
            e.put("LEADSYNC_SYNC_LEASE", lease.toString());
            api = new Kit.Http(payara.base(), adminPassword);
        }

        Instant start() throws Exception {
            if (closing) {
                throw new IllegalStateException("the suite is stopping");
            }
            Kit.checkPortFree(payara.port, "REL_PORT_" + name.toUpperCase());
            if (holder != null) {
                retiredHolders.add(holder); // a new process draws a new holder id (R4)
            }
            holder = null;
            starts++;
            Instant started = Instant.now();
            Process p = payara.start(true);
            log(payara.name + " started (pid " + p.pid() + ", start " + starts + ")");
            waitFor(payara.name + " /health/ready", Duration.ofMinutes(5), Duration.ofMillis(250),
                    () -> api.status("GET", "/health/ready") == 200, p);
            log(payara.name + " ready after " + Kit.round(Kit.secondsSince(started)) + " s");
            return started;
        }

        /** Starts this instance unless it runs (an earlier scenario may have left it killed). */
        void startIfDown() throws Exception {
            if (!payara.alive()) {
                start();
            }
        }

        Map<String, Object> status() throws Exception {
            return api.get("/api/sync/status", "admin");
        }
    }

    public static void main(String[] args) {
        Reliability suite = new Reliability();
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll));
        int code;
        try {
            suite.run();
            code = suite.allPassed ? 0 : 1;
        } catch (Throwable e) {
            Kit.log("reliability", "RELIABILITY SUITE FAILED: " + e);
            e.printStackTrace();
            Kit.log("reliability", "logs: " + WORK.toAbsolutePath());
            code = 2;
        }
        suite.stopAll();
        System.exit(code);
    }

    void run() throws Exception {
        Files.createDirectories(WORK);
        log("seed " + seed + ", " + leads + " leads + " + contacts + " contacts, scenarios " + scenarios + ", deadline " + deadline);
        for (String s : scenarios) {
            if (!List.of(SCENARIO_INITIAL, SCENARIO_KILL, SCENARIO_TWO, SCENARIO_STORM, SCENARIO_FLOW).contains(s)) {
                throw new IllegalArgumentException("unknown scenario '" + s + "' in REL_SCENARIOS");
            }
        }
        startVendors();
        Kit.Pg.recreate(pgUrl, pgUser, pgPassword, db);
        database = new Db(Kit.Pg.urlFor(pgUrl, db), pgUser, pgPassword);
        log("database " + db + " created empty");
        records = new Records(leads, contacts);
        marketo = new Kit.Marketo(sandboxHttp, "/sandbox/marketo", "sandbox-client", "sandbox-secret");
        dynamics = new Kit.Dynamics(sandboxHttp, "/sandbox/dynamics", "reliability", "sandbox-client", "sandbox-secret",
                "reliability-driver", "driver-password");
        checker = new Checker(records, marketo, dynamics, sandboxHttp, database);
        driver = new Driver(records, marketo, dynamics, seed, editsPerRound);

        nodes.add(new Node("a", portA));
        initialSync(nodes.get(0), scenarios.contains(SCENARIO_INITIAL));
        if (scenarios.contains(SCENARIO_KILL)) {
            emit(killScenario());
        }
        if (scenarios.contains(SCENARIO_TWO)) {
            emit(twoInstanceScenario());
        }
        if (scenarios.contains(SCENARIO_STORM)) {
            emit(faultStormScenario());
        }
        if (scenarios.contains(SCENARIO_FLOW)) {
            emit(flowActionScenario());
        }
    }

    // ---------------------------------------------------------------- set-up

    void startVendors() throws Exception {
        Kit.checkPortFree(sandboxPort, "REL_SANDBOX_PORT");
        sandbox = new Kit.Payara("vendors", sandboxPort, WORK.resolve("root-vendors"), WORK.resolve("vendors.log"));
        sandbox.war = war;
        sandbox.pidFile = pidFile;
        sandbox.jvmOptions.addAll(List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError"));
        // the same WAR serving /sandbox only, on Payara's own H2; vendor limits as the defaults (production shape)
        sandbox.env.put("LEADSYNC_SANDBOX_ONLY", "true");
        sandboxHttp = new Kit.Http(sandbox.base(), null);
        Process p = sandbox.start(false);
        log("vendors' sandbox started (pid " + p.pid() + ") on port " + sandboxPort);
        waitFor("the vendors' sandbox", Duration.ofMinutes(5), Duration.ofMillis(250),
                () -> sandboxHttp.status("GET", "/sandbox/admin/stats") == 200, p);
        if (sandboxHttp.status("GET", "/api/sync/status") != 404) {
            throw new IllegalStateException("the sandbox-only JVM serves /api: leadsync.sandbox-only is not in effect");
        }
        sandboxHttp.post("/sandbox/admin/reset", "", null);
        Map<String, Object> seeded = sandboxHttp.post("/sandbox/admin/seed",
                "{\"dynamicsLeads\":" + leads + ",\"dynamicsContacts\":" + contacts + ",\"seed\":42}", null);
        log("vendors ready; seeded: " + seeded.get("dynamics"));
    }

    /**
     * Starts LeadSync A on the seeded vendors and waits until every record is linked and a cycle wrote nothing.
     * The expected values are the seeded Dynamics ones, taken before LeadSync starts (it creates every person
     * from its record, R10). With `editing` (scenario initial-sync) the driver edits both sides of records as
     * soon as they are linked, while the initial sync still runs (docs/sync-rules.md R5: the feeds' starting
     * positions are fixed before the first record is read, so those edits must arrive), and the scenario's line
     * reports what arrived.
     */
    void initialSync(Node a, boolean editing) throws Exception {
        checker.baseline();
        Instant started = a.start();
        int total = leads + contacts;
        int[] editRounds = {0};
        int[] linkedWhenEdited = {0};
        waitFor("the initial sync to link " + total + " records", Duration.ofMinutes(editing ? 60 : 20), Duration.ofSeconds(1), () -> {
            Map<?, ?> links = (Map<?, ?>) a.status().get("links");
            int active = ((Number) links.get("active")).intValue();
            if (active >= total) {
                return true;
            }
            if (editing && Duration.between(started, Instant.now()).toMillis() >= (long) editRounds[0] * roundMs
                    && discoverSomePersons() > 0) {
                driver.round();
                editRounds[0]++;
                linkedWhenEdited[0] = active;
            }
            return false;
        }, a.payara.process());
        initialSyncSeconds = Kit.secondsSince(started);
        if (editing) {
            Instant stopped = Instant.now();
            log(SCENARIO_INITIAL + ": " + editRounds[0] + " edit rounds while the initial sync ran (" + driver.marketoEdits
                    + " Marketo, " + driver.dynamicsEdits + " Dynamics edits; the last with " + linkedWhenEdited[0] + " of "
                    + total + " records linked); waiting for convergence");
            checker.discoverPersons();
            Convergence c = converge(stopped, started);
            List<Db.Run> runs = database.runsOverlapping(started);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("initialSyncSeconds", Kit.round(initialSyncSeconds));
            details.put("editRounds", editRounds[0]);
            details.put("marketoEdits", driver.marketoEdits.get());
            details.put("dynamicsEdits", driver.dynamicsEdits.get());
            details.put("editsSkippedByMarketo", driver.skipped.get());
            details.put("fieldsEditedAtLeastOnce", records.edits.size());
            details.put("linkedAtLastEditRound", linkedWhenEdited[0]);
            details.put("cycles", runs.size());
            details.put("cycleOutcomes", Db.outcomes(runs));
            Map<String, Object> params = params();
            params.put("editsPerRound", editsPerRound);
            params.put("roundMs", roundMs);
            emit(line(SCENARIO_INITIAL, c, Db.overlapSeconds(runs), null, params, details, editRounds[0] > 0));
        }
        Db.Run quiet = waitForQuietRun(Instant.now(), Duration.ofMinutes(5), a);
        learnHolder(quiet);
        int found = checker.discoverPersons();
        Checker.Result base = checker.check(Instant.EPOCH);
        log("initial sync: " + total + " records linked in " + Kit.round(initialSyncSeconds) + " s (from the start of the JVM); "
                + found + " persons carry an msftId; check: " + base.json());
        if (!editing && (!base.clean() || found != total)) {
            throw new IllegalStateException("the initial sync did not converge cleanly: " + base.json());
        }
        // the check must be able to fail: one wrong expectation has to show as exactly one lost value
        Records.Rec probe = records.all.get(random.nextInt(records.all.size()));
        Records.Field field = probe.edited.get(random.nextInt(probe.edited.size()));
        String real = records.expected(probe, field);
        records.expect(probe, field, "self-test-" + seed);
        Checker.Result wrong = checker.check(Instant.EPOCH);
        records.expect(probe, field, real);
        if (wrong.lost != 1) {
            throw new IllegalStateException("checker self-test: one wrong expected value gave " + wrong.lost + " lost values");
        }
        log("checker self-test: a wrong expected value shows as 1 lost value: " + wrong.lostExamples.get(0));
    }

    // ---------------------------------------------------------------- scenario a: kill -9 mid-cycle

    Map<String, Object> killScenario() throws Exception {
        Node a = nodes.get(0);
        Instant begin = Instant.now();
        log(SCENARIO_KILL + ": " + kills + " kills while the driver edits both sides");
        driver.start(roundMs);
        List<Map<String, Object>> killLog = new ArrayList<>();
        Set<Long> done = new java.util.HashSet<>();
        int midCycle = 0;
        double restartTotal = 0;
        for (int k = 1; k <= kills; k++) {
            driver.checkAlive();
            Kill kill = killMidCycle(a, done, begin, random.nextInt(3));
            midCycle += kill.midCycle() ? 1 : 0;
            log("kill " + k + "/" + kills + ": SIGKILL " + Kit.round(kill.delayMs() / 1000.0) + " s into cycle " + kill.cycle().id()
                    + (kill.midCycle() ? " (mid-cycle)" : " (the cycle had just ended)") + "; edits so far M " + driver.marketoEdits
                    + " D " + driver.dynamicsEdits);
            Instant killedAt = kill.at();
            a.start();
            double backSeconds = Kit.secondsSince(killedAt);
            restartTotal += backSeconds;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kill", k);
            one.put("cycle", kill.cycle().id());
            one.put("msIntoCycle", kill.delayMs());
            one.put("midCycle", kill.midCycle());
            one.put("secondsKillToReady", Kit.round(backSeconds));
            killLog.add(one);
        }
        // after the last restart: stop editing, then wait for convergence
        driver.stop();
        Instant stopped = Instant.now();
        log(SCENARIO_KILL + ": editing stopped after " + driver.rounds() + " rounds (" + driver.marketoEdits + " Marketo, "
                + driver.dynamicsEdits + " Dynamics edits); waiting for convergence");
        Convergence c = converge(stopped, begin);
        List<Db.Run> runs = database.runsOverlapping(begin);
        Map<String, Object> params = params();
        params.put("kills", kills);
        params.put("editsPerRound", editsPerRound);
        params.put("roundMs", roundMs);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("killsMidCycle", midCycle);
        details.put("meanSecondsKillToReady", kills == 0 ? null : Kit.round(restartTotal / kills));
        details.put("seconds", Kit.round(Kit.secondsSince(begin)));
        details.put("editRounds", driver.rounds());
        details.put("marketoEdits", driver.marketoEdits.get());
        details.put("dynamicsEdits", driver.dynamicsEdits.get());
        details.put("editsSkippedByMarketo", driver.skipped.get());
        details.put("fieldsEditedAtLeastOnce", records.edits.size());
        details.put("cycles", runs.size());
        details.put("cycleOutcomes", Db.outcomes(runs));
        details.put("initialSyncSeconds", Kit.round(initialSyncSeconds));
        details.put("kills", killLog);
        return line(SCENARIO_KILL, c, Db.overlapSeconds(runs), null, params, details, true);
    }

    // ---------------------------------------------------------------- scenario b: two instances on one database

    Map<String, Object> twoInstanceScenario() throws Exception {
        Node a = nodes.get(0);
        if (nodes.size() < 2) {
            nodes.add(new Node("b", portB));
        }
        Node b = nodes.get(1);
        Instant begin = Instant.now();
        log(SCENARIO_TWO + ": a second LeadSync on the same database");
        a.startIfDown();
        b.start();
        driver.start(roundMs);
        // 1. both instances time their cycles; the lease lets one run at a time
        Instant until = Instant.now().plusSeconds(twoInstanceSeconds);
        while (Instant.now().isBefore(until)) {
            driver.checkAlive();
            Kit.sleep(500);
            for (Db.Run r : database.runsSince(begin)) {
                learnHolder(r);
            }
        }
        List<Db.Run> shared = database.runsSince(begin);
        Map<String, Integer> cyclesByInstance = new LinkedHashMap<>();
        for (Db.Run r : shared) {
            Node n = nodeOf(r.holder());
            cyclesByInstance.merge(n == null ? "earlier" : n.name, 1, Integer::sum);
        }
        log(SCENARIO_TWO + ": cycles by instance " + cyclesByInstance + ", overlap " + Db.overlapSeconds(shared) + " s");

        // 2. kill -9 the lease holder mid-cycle; the other one takes over after the lease expires
        Kill kill = killMidCycle(null, new java.util.HashSet<>(), begin, 0);
        Node victim = kill.victim();
        Node survivor = victim == a ? b : a;
        Instant killedAt = kill.at();
        boolean mid = kill.midCycle();
        log(SCENARIO_TWO + ": SIGKILL to the lease holder " + victim.payara.name + " " + Kit.round(kill.delayMs() / 1000.0)
                + " s into cycle " + kill.cycle().id() + (mid ? " (mid-cycle)" : " (the cycle had just ended)"));
        Db.Run[] takeover = new Db.Run[1];
        waitFor("the survivor " + survivor.payara.name + " to finish a cycle", lease.plus(interval).plusSeconds(120),
                Duration.ofMillis(100), () -> {
                    for (Db.Run r : database.runsSince(killedAt.minusSeconds(1))) {
                        learnHolder(r);
                        if (r.finished() != null && r.started().isAfter(killedAt) && nodeOf(r.holder()) == survivor) {
                            takeover[0] = r;
                            return true;
                        }
                    }
                    return false;
                }, survivor.payara.process());
        double failover = Duration.between(killedAt, takeover[0].finished()).toMillis() / 1000.0;
        double takeoverStart = Duration.between(killedAt, takeover[0].started()).toMillis() / 1000.0;
        double bound = lease.plus(interval).toMillis() / 1000.0;
        log(SCENARIO_TWO + ": failover " + Kit.round(failover) + " s (the survivor started its cycle after "
                + Kit.round(takeoverStart) + " s; R4 bound lease + interval = " + bound + " s)");
        victim.start();

        // 3. a cycle slowed past its lease: the heartbeat must keep the lease, so the other instance never starts one
        driver.stop();
        driver.round();
        Instant slowBegin = Instant.now();
        long slowMs = lease.toMillis() * 6 / 10;
        sandboxHttp.put("/sandbox/admin/faults", "{\"system\":\"dynamics\",\"delayMs\":" + slowMs + ",\"count\":3}", null);
        sandboxHttp.put("/sandbox/admin/faults", "{\"system\":\"marketo\",\"delayMs\":" + slowMs + ",\"count\":3}", null);
        log(SCENARIO_TWO + ": the next 3 Dynamics and 3 Marketo calls each answer after " + slowMs + " ms (lease " + lease + ")");
        waitFor("the delays to be used up", Duration.ofMinutes(5), Duration.ofMillis(200),
                () -> sandboxHttp.get("/sandbox/admin/faults", null).isEmpty());
        Instant used = Instant.now();
        waitFor("a cycle started after the delays to finish", Duration.ofMinutes(5), Duration.ofMillis(200), () -> {
            for (Db.Run r : database.runsSince(used)) {
                if (r.finished() != null) {
                    return true;
                }
            }
            return false;
        });
        List<Db.Run> slowWindow = database.runsOverlapping(slowBegin); // the cycle in flight when the delays were armed too
        Db.Run slowest = slowWindow.stream().filter(r -> r.finished() != null)
                .max(java.util.Comparator.comparingDouble(Db.Run::seconds)).orElseThrow();
        double slowOverlap = Db.overlapSeconds(slowWindow);
        log(SCENARIO_TWO + ": slowest cycle " + Kit.round(slowest.seconds()) + " s (" + slowest.outcome() + "), overlap in that window "
                + slowOverlap + " s");

        // 4. converge and check; B goes away cleanly (SIGTERM) before the next scenario
        Instant stopped = Instant.now();
        Convergence c = converge(stopped, begin);
        List<Db.Run> runs = database.runsOverlapping(begin);
        double overlap = Db.overlapSeconds(runs);
        Map<String, Object> params = params();
        params.put("instances", 2);
        params.put("sharedSeconds", twoInstanceSeconds);
        params.put("slowCallMs", slowMs);
        params.put("slowCalls", "3 Dynamics + 3 Marketo");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cyclesByInstanceWhileShared", cyclesByInstance);
        details.put("killedMidCycle", mid);
        details.put("killedInstance", victim.payara.name);
        details.put("takeoverStartSeconds", Kit.round(takeoverStart));
        details.put("failoverBoundSeconds", bound);
        details.put("failoverWithinBound", takeoverStart <= bound + 1.0);
        details.put("slowCycleSeconds", Kit.round(slowest.seconds()));
        details.put("slowCycleOutcome", slowest.outcome());
        details.put("slowCycleExceededLease", slowest.seconds() > lease.toMillis() / 1000.0);
        details.put("overlapSecondsSlowWindow", Kit.round(slowOverlap));
        details.put("lostLeaseCycles", (int) runs.stream().filter(r -> "lost-lease".equals(r.outcome())).count());
        details.put("cycles", runs.size());
        details.put("cycleOutcomes", Db.outcomes(runs));
        boolean extra = overlap == 0 && takeoverStart <= bound + 1.0 && slowest.seconds() > lease.toMillis() / 1000.0
                && "finished".equals(slowest.outcome());
        Map<String, Object> out = line(SCENARIO_TWO, c, overlap, failover, params, details, extra);
        b.payara.stop(Duration.ofSeconds(30));
        log(SCENARIO_TWO + ": " + b.payara.name + " stopped (SIGTERM)");
        return out;
    }

    // ---------------------------------------------------------------- scenario c: a fault storm

    record Wave(String name, String dynamicsFault, String marketoFault, boolean expireTokens, int refusePagingTokens) {
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> faultStormScenario() throws Exception {
        Node a = nodes.get(0);
        a.startIfDown();
        Instant begin = Instant.now();
        List<Wave> waves = List.of(
                new Wave("429 + 606", "{\"status\":429,\"count\":6}", "{\"marketoError\":\"606\",\"count\":4}", false, 0),
                new Wave("503 + 615", "{\"status\":503,\"count\":4}", "{\"marketoError\":\"615\",\"count\":4}", false, 0),
                new Wave("tokens expired + paging token refused", null, null, true, 1),
                new Wave("500 + 608", "{\"status\":500,\"count\":3}", "{\"marketoError\":\"608\",\"count\":3}", false, 0),
                new Wave("slow answers", "{\"delayMs\":3000,\"count\":4}", "{\"delayMs\":3000,\"count\":4}", false, 0),
                new Wave("502 + HTTP 503 on Marketo + tokens expired", "{\"status\":502,\"count\":3}", "{\"status\":503,\"count\":2}", true, 0),
                new Wave("504 + 615 + 2 paging tokens refused", "{\"status\":504,\"count\":3}", "{\"marketoError\":\"615\",\"count\":3}", false, 2),
                new Wave("throttling spell + tokens expired", "{\"status\":429,\"count\":15}", "{\"marketoError\":\"606\",\"count\":6}", true, 0),
                // issue 11's figure: 40 consecutive 429s, each with Retry-After: 1, waited out within the retry budget
                new Wave("40 x 429 with Retry-After", "{\"status\":429,\"count\":40}", null, false, 0));
        Map<String, Object> before = sandboxHttp.get("/sandbox/admin/stats", null);
        log(SCENARIO_STORM + ": " + waves.size() + " waves of faults, edits before each");
        int faultsArmed = 0;
        int expiries = 0;
        int refusals = 0;
        List<Map<String, Object>> waveLog = new ArrayList<>();
        for (Wave w : waves) {
            driver.round();
            Instant armed = Instant.now();
            if (w.dynamicsFault() != null) {
                sandboxHttp.put("/sandbox/admin/faults", "{\"system\":\"dynamics\"," + w.dynamicsFault().substring(1), null);
                faultsArmed += count(w.dynamicsFault());
            }
            if (w.marketoFault() != null) {
                sandboxHttp.put("/sandbox/admin/faults", "{\"system\":\"marketo\"," + w.marketoFault().substring(1), null);
                faultsArmed += count(w.marketoFault());
            }
            if (w.expireTokens()) {
                Map<String, Object> expired = sandboxHttp.post("/sandbox/admin/tokens/expire", "", null);
                log(SCENARIO_STORM + ": tokens expired " + expired);
                expiries++;
            }
            if (w.refusePagingTokens() > 0) {
                sandboxHttp.post("/sandbox/admin/marketo/refuse-paging-token", "{\"count\":" + w.refusePagingTokens() + "}", null);
                refusals += w.refusePagingTokens();
            }
            waitFor("wave '" + w.name() + "' to be used up", Duration.ofMinutes(3), Duration.ofMillis(200), () ->
                    sandboxHttp.get("/sandbox/admin/faults", null).isEmpty()
                            && ((Number) sandboxHttp.get("/sandbox/admin/marketo/refuse-paging-token", null).get("remaining")).intValue() == 0,
                    a.payara.process());
            Instant used = Instant.now();
            Db.Run[] next = new Db.Run[1];
            waitFor("a cycle after wave '" + w.name() + "'", Duration.ofMinutes(6), Duration.ofMillis(200), () -> {
                for (Db.Run r : database.runsSince(used)) {
                    if (r.finished() != null) {
                        next[0] = r;
                        return true;
                    }
                }
                return false;
            }, a.payara.process());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("wave", w.name());
            one.put("usedUpSeconds", Kit.round(Duration.between(armed, used).toMillis() / 1000.0));
            one.put("nextCycleOutcome", next[0].outcome());
            waveLog.add(one);
            log(SCENARIO_STORM + ": wave '" + w.name() + "' used up after " + one.get("usedUpSeconds") + " s; next cycle " + next[0].outcome());
        }
        sandboxHttp.delete("/sandbox/admin/faults", null);
        Instant stopped = Instant.now();
        Convergence c = converge(stopped, begin);
        Map<String, Object> after = sandboxHttp.get("/sandbox/admin/stats", null);
        List<Db.Run> runs = database.runsOverlapping(begin);
        Map<String, Object> m0 = (Map<String, Object>) before.get("marketo");
        Map<String, Object> m1 = (Map<String, Object>) after.get("marketo");
        Map<String, Object> d0 = (Map<String, Object>) before.get("dynamics");
        Map<String, Object> d1 = (Map<String, Object>) after.get("dynamics");
        Map<String, Object> params = params();
        params.put("waves", waves.stream().map(Wave::name).toList());
        params.put("faultedCalls", faultsArmed);
        params.put("tokenExpiries", expiries);
        params.put("pagingTokenRefusals", refusals);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("waves", waveLog);
        details.put("pagingTokensRefused", delta(m0, m1, "pagingTokensRefused"));
        details.put("marketoTokenCalls", delta((Map<String, Object>) m0.get("callsByEndpoint"), (Map<String, Object>) m1.get("callsByEndpoint"), "identity/oauth/token"));
        details.put("dynamicsTokenCalls", delta((Map<String, Object>) d0.get("calls"), (Map<String, Object>) d1.get("calls"), "POST token"));
        details.put("marketoRateLimitRejections", delta(m0, m1, "rateLimitRejections"));
        details.put("dynamicsRateLimited", delta(d0, d1, "rateLimited"));
        details.put("cycles", runs.size());
        details.put("cycleOutcomes", Db.outcomes(runs));
        return line(SCENARIO_STORM, c, Db.overlapSeconds(runs), null, params, details, true);
    }

    /**
     * Finds the persons of up to 150 records not known yet (Marketo `leads.json` by msftId, one call): the
     * records LeadSync has linked so far that the driver may edit. Returns how many records have a person now.
     */
    int discoverSomePersons() throws Exception {
        List<Records.Rec> unknown = new ArrayList<>(records.all.stream().filter(r -> r.personId <= 0).toList());
        java.util.Collections.shuffle(unknown, random);
        List<String> ids = unknown.stream().limit(150).map(r -> r.id).toList(); // 150 ids keep the URL under 8 KB
        if (!ids.isEmpty()) {
            for (Map<String, Object> p : marketo.find("msftId", ids, "id,msftId")) {
                Records.Rec r = records.byId.get(String.valueOf(p.get("msftId")).toLowerCase());
                if (r != null && r.personId <= 0) {
                    r.personId = ((Number) p.get("id")).longValue();
                }
            }
        }
        return (int) records.all.stream().filter(r -> r.personId > 0).count();
    }

    // ---------------------------------------------------------------- scenario e: flow-action calls across a kill

    /**
     * Durable accept (docs/api.md, Flow action): new Marketo persons, Dynamics down, one "Sync Person to
     * Microsoft" call each from concurrent callers (Marketo never retries); every call must be answered 202
     * within Marketo's 30 s. Then SIGKILL, Dynamics back, restart: every person must get exactly one lead.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> flowActionScenario() throws Exception {
        Node a = nodes.get(0);
        a.startIfDown();
        Instant begin = Instant.now();
        String tag = "flow-" + seed;
        List<Map<String, Object>> input = new ArrayList<>();
        for (int i = 0; i < flowCalls; i++) {
            input.add(new LinkedHashMap<>(Map.of("email", tag + "-" + i + "@example.com", "lastName", "Flow" + i, "company", "Acme")));
        }
        List<Long> persons = new ArrayList<>();
        for (Map<String, Object> r : marketo.sync("createOnly", "email", input)) {
            persons.add(((Number) r.get("id")).longValue());
        }
        sandboxHttp.put("/sandbox/admin/faults", "{\"system\":\"dynamics\",\"status\":503,\"count\":1000000}", null);
        log(SCENARIO_FLOW + ": Dynamics down; " + persons.size() + " webhook calls from " + Math.min(20, persons.size()) + " callers");
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(Math.min(20, persons.size()));
        List<java.util.concurrent.Future<int[]>> answers = new ArrayList<>();
        for (long person : persons) {
            answers.add(callers.submit(() -> {
                long t0 = System.nanoTime();
                var answer = a.api.send(a.api.request("/api/flow-actions/sync-person-to-microsoft")
                        .header("Content-Type", "application/json").header("X-Api-Key", webhookKey)
                        .timeout(Duration.ofSeconds(60))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"leadId\":" + person + "}")));
                return new int[] {answer.statusCode(), (int) ((System.nanoTime() - t0) / 1_000_000)};
            }));
        }
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        int slowest = 0;
        for (var f : answers) {
            int[] answer = f.get();
            statuses.merge(String.valueOf(answer[0]), 1, Integer::sum);
            slowest = Math.max(slowest, answer[1]);
        }
        callers.shutdown();
        log(SCENARIO_FLOW + ": answers " + statuses + ", slowest " + slowest + " ms; SIGKILL, Dynamics back, restart");
        a.payara.kill9();
        sandboxHttp.delete("/sandbox/admin/faults", null);
        Instant killed = Instant.now();
        a.start();
        int[] done = {0};
        try {
            waitFor("every accepted call to reach Dynamics", Duration.ofMinutes(5), Duration.ofSeconds(1), () -> {
                int linked = 0;
                for (Map<String, Object> p : marketo.find("id", persons.stream().map(String::valueOf).toList(), "id,msftId")) {
                    linked += Records.norm(p.get("msftId")) != null ? 1 : 0;
                }
                done[0] = linked;
                return linked == persons.size();
            }, a.payara.process());
        } catch (IllegalStateException timedOut) {
            log(SCENARIO_FLOW + ": " + done[0] + " of " + persons.size() + " persons linked when the wait ended");
        }
        double completeSeconds = Kit.secondsSince(killed);
        Map<String, Integer> leadsByEmail = new java.util.HashMap<>();
        for (Map<String, Object> row : dynamics.readAll("leads", "leadid,emailaddress1", 5000)) {
            String email = Records.norm(row.get("emailaddress1"));
            if (email != null && email.startsWith(tag + "-")) {
                leadsByEmail.merge(email, 1, Integer::sum);
            }
        }
        int duplicates = leadsByEmail.values().stream().mapToInt(n -> n - 1).sum();
        int lost = persons.size() - leadsByEmail.size();
        Map<String, Object> flow = (Map<String, Object>) a.status().get("flowActions");
        long pending = ((Number) flow.get("pending")).longValue();
        boolean answeredInTime = slowest < 30_000 && statuses.getOrDefault("202", 0) + statuses.getOrDefault("201", 0) == persons.size();
        boolean pass = lost == 0 && duplicates == 0 && done[0] == persons.size() && pending == 0 && answeredInTime;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", SCENARIO_FLOW);
        out.put("pass", pass);
        out.put("calls", persons.size());
        out.put("answers", statuses);
        out.put("slowestAnswerMs", slowest);
        out.put("personsWithoutLead", lost);
        out.put("duplicateLeads", duplicates);
        out.put("personsLinkedInMarketo", done[0]);
        out.put("pendingAfter", pending);
        out.put("secondsKillToComplete", Kit.round(completeSeconds));
        out.put("seconds", Kit.round(Kit.secondsSince(begin)));
        allPassed &= pass;
        return out;
    }

    static int count(String faultJson) {
        Map<String, Object> f = Kit.Json.parse(faultJson);
        return f.get("count") == null ? 1 : ((Number) f.get("count")).intValue();
    }

    static long delta(Map<String, Object> before, Map<String, Object> after, String key) {
        long a = after.get(key) == null ? 0 : ((Number) after.get(key)).longValue();
        long b = before.get(key) == null ? 0 : ((Number) before.get(key)).longValue();
        return a - b;
    }

    // ---------------------------------------------------------------- convergence

    record Convergence(Checker.Result result, Integer cycles, Double seconds, int quiescentWrites) {
    }

    /**
     * After editing stopped at `stopped`: waits cycle by cycle and checks both systems after each cycle that
     * started after `stopped` (a cycle already running then may have read before the last edits, so it is not
     * counted). Converged = the first such cycle after which nothing is lost or unlinked; convergeCycles counts
     * the cycles started since `stopped` up to it, convergeSeconds runs from `stopped` to its end. Then two more
     * cycles must write nothing (no ping-pong), and the final check is the one reported.
     */
    Convergence converge(Instant stopped, Instant scenarioBegin) throws Exception {
        Set<Long> seen = new java.util.HashSet<>();
        Instant until = Instant.now().plus(convergeLimit);
        if (until.isAfter(deadline)) {
            until = deadline;
        }
        int cycles = 0;
        Integer convergedCycles = null;
        Double convergedSeconds = null;
        Checker.Result result = null;
        checker.api = nodes.stream().filter(n -> n.payara.alive()).map(n -> n.api).findFirst().orElse(null);
        while (Instant.now().isBefore(until) && convergedCycles == null) {
            Db.Run r = nextFinishedRun(stopped, seen, Duration.between(Instant.now(), until));
            if (r == null) {
                break;
            }
            if (r.started().isBefore(stopped)) {
                continue;
            }
            cycles++;
            if ("finished".equals(r.outcome())) {
                result = checker.check(scenarioBegin);
                log("after cycle " + cycles + " since editing stopped: lost " + result.lost + ", unlinked " + result.unlinked
                        + ", duplicates " + result.duplicatePersons);
                if (result.lost == 0 && result.unlinked == 0) {
                    convergedCycles = cycles;
                    convergedSeconds = Kit.round(Duration.between(stopped, r.finished()).toMillis() / 1000.0);
                }
            }
        }
        int quiescentWrites = 0;
        if (convergedCycles != null) {
            for (int i = 0; i < 2; i++) {
                Db.Run r = nextFinishedRun(stopped, seen, Duration.ofMinutes(2));
                if (r != null) {
                    quiescentWrites += r.writes();
                }
            }
        } else {
            log("did not converge within " + convergeLimit);
        }
        result = checker.check(scenarioBegin);
        return new Convergence(result, convergedCycles, convergedSeconds, quiescentWrites);
    }

    Db.Run nextFinishedRun(Instant after, Set<Long> seen, Duration limit) throws Exception {
        Db.Run[] found = new Db.Run[1];
        try {
            waitFor("the next finished cycle", limit, Duration.ofMillis(200), () -> {
                for (Db.Run r : database.runsOverlapping(after)) {
                    if (r.finished() != null && r.finished().isAfter(after) && !seen.contains(r.id())) {
                        seen.add(r.id());
                        learnHolder(r);
                        found[0] = r;
                        return true;
                    }
                }
                return false;
            });
        } catch (IllegalStateException timedOut) {
            return null;
        }
        return found[0];
    }

    // ---------------------------------------------------------------- cycles and holders

    /** The first cycle that is running (not finished) and not in `done`, on `node` when given. */
    Db.Run waitForRunningRun(Set<Long> done, Duration limit, Node node) throws Exception {
        Db.Run[] found = new Db.Run[1];
        waitFor("a cycle to start" + (node == null ? "" : " on " + node.payara.name), limit, Duration.ofMillis(15), () -> {
            for (Db.Run r : database.runsOverlapping(Instant.now())) {
                learnHolder(r);
                if (r.finished() == null && !done.contains(r.id()) && (node == null || nodeOf(r.holder()) == node)) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        }, node == null ? null : node.payara.process());
        return found[0];
    }

    /** A finished cycle that started after `after` and wrote nothing, by `node`. */
    Db.Run waitForQuietRun(Instant after, Duration limit, Node node) throws Exception {
        Db.Run[] found = new Db.Run[1];
        waitFor("a cycle that writes nothing", limit, Duration.ofMillis(250), () -> {
            for (Db.Run r : database.runsSince(after)) {
                if (r.finished() != null && "finished".equals(r.outcome()) && r.writes() == 0) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        }, node.payara.process());
        return found[0];
    }

    record Kill(Node victim, Db.Run cycle, long delayMs, boolean midCycle, Instant at) {
    }

    /**
     * SIGKILL at a random instant inside a running cycle of `only` (or of whichever instance runs one): lets
     * `skip` cycles pass, waits for the next one to start, then waits a random part of a typical cycle; a
     * cycle that ended before that instant is let go and the next one tried with half the wait (at most 5
     * tries, then the kill happens anyway). `midCycle` is read back afterwards: the run was left unfinished.
     */
    Kill killMidCycle(Node only, Set<Long> done, Instant since, int skip) throws Exception {
        double part = 1.0;
        int attempt = 0;
        while (true) {
            Db.Run running = waitForRunningRun(done, Duration.ofMinutes(3), only);
            done.add(running.id());
            Node victim = only != null ? only : nodeOf(running.holder());
            if (victim == null) {
                throw new IllegalStateException("cannot tell which instance holds " + running.holder());
            }
            if (skip > 0) {
                skip--;
                waitForRunEnd(running, victim);
                continue;
            }
            long delay = (long) (random.nextDouble() * part * typicalCycleMillis(since));
            Kit.sleep(delay);
            Db.Run now = database.run(running.id());
            if ((now != null && now.finished() == null) || ++attempt >= 5) {
                victim.payara.kill9();
                Instant at = Instant.now();
                Db.Run after = database.run(running.id());
                return new Kill(victim, running, delay, after != null && after.finished() == null, at);
            }
            part /= 2;
        }
    }

    /** Waits until the cycle `run` has ended (or its instance has died). */
    void waitForRunEnd(Db.Run run, Node node) throws Exception {
        waitFor("cycle " + run.id() + " to end", Duration.ofMinutes(10), Duration.ofMillis(50), () -> {
            Db.Run now = database.run(run.id());
            return now == null || now.finished() != null;
        }, node.payara.process());
    }

    /**
     * Median length of the finished cycles since `since` (at least 50 ms, at most 5 s; 500 ms before three
     * are known): how long a kill may wait into a cycle.
     */
    long typicalCycleMillis(Instant since) throws Exception {
        List<Long> ms = new ArrayList<>();
        for (Db.Run r : database.runsSince(since)) {
            if (r.finished() != null && "finished".equals(r.outcome())) {
                ms.add(Duration.between(r.started(), r.finished()).toMillis());
            }
        }
        if (ms.size() < 3) {
            return 500;
        }
        ms.sort(null);
        return Math.max(50, Math.min(5000, ms.get(ms.size() / 2)));
    }

    /**
     * Which process a holder id belongs to: the id is drawn at every process start (R4) and not logged, so a
     * new id seen in cycle_run while exactly one live instance has none yet is that instance's; ids of
     * processes that are gone (a killed one's leftover run) are never taken.
     */
    synchronized void learnHolder(Db.Run r) {
        if (nodeOf(r.holder()) != null || retiredHolders.contains(r.holder())) {
            return;
        }
        List<Node> unknown = nodes.stream().filter(n -> n.payara.alive() && n.holder == null).toList();
        if (unknown.size() == 1) {
            unknown.get(0).holder = r.holder();
            log(unknown.get(0).payara.name + " is lease holder " + r.holder());
        }
    }

    final Set<String> retiredHolders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Node nodeOf(String holder) {
        for (Node n : nodes) {
            if (holder.equals(n.holder)) {
                return n;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- output

    Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("leads", leads);
        p.put("contacts", contacts);
        p.put("interval", interval.toString());
        p.put("lease", lease.toString());
        p.put("seed", seed);
        return p;
    }

    Map<String, Object> line(String scenario, Convergence c, Double overlap, Double failover, Map<String, Object> params,
                             Map<String, Object> details, boolean extraPass) {
        Checker.Result r = c.result();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        boolean pass = r.clean() && r.collisions.isEmpty() && c.cycles() != null && c.cycles() <= convergeCycles && c.quiescentWrites() == 0
                && (overlap == null || overlap == 0) && extraPass;
        out.put("pass", pass);
        out.put("lostFieldValues", r.lost);
        out.put("duplicatePersons", r.duplicatePersons);
        out.put("unlinkedRecords", r.unlinked);
        out.put("spuriousCollisions", r.collisions.size());
        out.put("overlapSeconds", overlap == null ? null : Kit.round(overlap));
        out.put("failoverSeconds", failover == null ? null : Kit.round(failover));
        out.put("convergeCycles", c.cycles());
        out.put("convergeSeconds", c.seconds());
        out.put("quiescentWrites", c.quiescentWrites());
        out.put("parameters", params);
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("check", r.json());
        out.put("details", all);
        allPassed &= pass;
        return out;
    }

    void emit(Map<String, Object> line) {
        System.out.println(Kit.Json.write(line));
        System.out.flush();
    }

    // ---------------------------------------------------------------- helpers

    void waitFor(String what, Duration limit, Duration poll, Kit.Check check, Process... watched) throws Exception {
        Process[] all = Arrays.copyOf(watched, watched.length + 1);
        all[watched.length] = sandbox == null ? null : sandbox.process();
        Kit.waitFor(what, limit, deadline, poll, check, all);
    }

    static void log(String message) {
        Kit.log("reliability", message);
    }

    volatile boolean closing;

    synchronized void stopAll() {
        closing = true;
        if (driver != null) {
            try {
                driver.stop();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
        for (Node n : nodes) {
            if (n.payara.alive()) {
                n.payara.stop(Duration.ofSeconds(20));
                log(n.payara.name + " stopped");
            }
        }
        if (sandbox != null && sandbox.alive()) {
            sandbox.stop(Duration.ofSeconds(20));
            log("vendors' sandbox stopped");
        }
        if (database != null) {
            database.close();
        }
    }
}
