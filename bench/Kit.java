import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the benchmark (bench/Bench.java) and the reliability suite (reliability/*.java) share: starting Payara
 * Micro with the WAR, a fresh PostgreSQL database, bounded waits, a JDK-only HTTP client for LeadSync's API
 * and the sandbox admin API, clients of the vendors' own wire formats (Marketo REST, Dataverse Web API) as a
 * user's tools would call them, and just enough JSON. JDK only (plus the PostgreSQL driver on the class
 * path); bench/run.sh and reliability/run.sh compile it with their programs. Every address is 127.0.0.1.
 */
public final class Kit {

    private Kit() {
    }

    // ---------------------------------------------------------------- environment, logging, time

    public static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }

    public static void log(String tag, String message) {
        System.err.println("[" + tag + " " + Instant.now() + "] " + message);
    }

    public static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    public static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    public static void checkPortFree(int port, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Payara binds: a port held only by closed connections is free
            socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), port), 1);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use; set " + setting + " to a free one");
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- bounded waits

    public interface Check {
        boolean ok() throws Exception;
    }

    /**
     * Polls `check` every `poll` until it holds; fails with a message after `limit` (cut to `deadline`, the
     * whole run's end) or as soon as one of `watched` exits.
     */
    public static void waitFor(String what, Duration limit, Instant deadline, Duration poll, Check check, Process... watched)
            throws Exception {
        Instant until = Instant.now().plus(limit);
        if (deadline != null && until.isAfter(deadline)) {
            until = deadline;
        }
        Exception last = null;
        while (Instant.now().isBefore(until)) {
            for (Process p : watched) {
                if (p != null && !p.isAlive()) {
                    throw new IllegalStateException("process " + p.pid() + " exited (code " + p.exitValue() + ") while waiting for " + what);
                }
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException | java.sql.SQLException | IllegalStateException e) {
                last = e; // not up yet, or a passing failure: asked again until the limit
            }
            Thread.sleep(poll.toMillis());
        }
        throw new IllegalStateException("timed out after " + limit + " waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    // ---------------------------------------------------------------- HTTP

    /** A client of one base URL; `auth` is "admin" (HTTP Basic with the admin password), a whole Authorization value, or null. */
    public static final class Http {
        // HTTP/1.1: Payara Micro's cleartext HTTP/2 resets a request whose headers fill more than one frame (150 ids)
        public final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        public final String base;
        public volatile String adminPassword;

        public Http(String base, String adminPassword) {
            String host = URI.create(base).getHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                throw new IllegalStateException(base + ": only 127.0.0.1 is allowed");
            }
            this.base = base.replaceAll("/$", "");
            this.adminPassword = adminPassword;
        }

        public HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path));
        }

        public int status(String method, String path) throws Exception {
            return send(request(path).method(method, HttpRequest.BodyPublishers.noBody())).statusCode();
        }

        public Map<String, Object> get(String path, String auth) throws Exception {
            return call(request(path).GET(), auth);
        }

        public Map<String, Object> post(String path, String body, String auth) throws Exception {
            return call(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), auth);
        }

        public Map<String, Object> put(String path, String body, String auth) throws Exception {
            return call(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)), auth);
        }

        public Map<String, Object> delete(String path, String auth) throws Exception {
            return call(request(path).DELETE(), auth);
        }

        /** Sends and parses a 2xx JSON answer (empty map for no body); any other status fails with the body. */
        public Map<String, Object> call(HttpRequest.Builder request, String auth) throws Exception {
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

        public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    public static final class Pg {
        private Pg() {
        }

        /** Drops and creates `db` through the maintenance database at `adminUrl` (jdbc:postgresql://127.0.0.1:5432/postgres). */
        public static void recreate(String adminUrl, String user, String password, String db) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                 Statement s = c.createStatement()) {
                s.setQueryTimeout(60);
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + db);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + adminUrl + " (user " + user + "): " + e.getMessage());
            }
        }

        /** The JDBC URL of `db` on the server of `adminUrl`. */
        public static String urlFor(String adminUrl, String db) {
            return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + db;
        }
    }

    // ---------------------------------------------------------------- Payara Micro

    /**
     * One Payara Micro process running the WAR on 127.0.0.1:`port` with its own root directory; environment
     * variables carry the MicroProfile Config (LEADSYNC_SYNC_INTERVAL is leadsync.sync.interval). With
     * `postgres`, Payara's default datasource points at LEADSYNC_DB_URL (README, PostgreSQL).
     */
    public static final class Payara {
        public final String name;
        public final int port;
        public final Path root;
        public final Path log;
        public Path war = Path.of("target", "leadsync.war");
        public Path micro = Path.of("target", "payara-micro.jar");
        public boolean postgres;
        public final List<String> jvmOptions = new ArrayList<>();
        public final Map<String, String> env = new LinkedHashMap<>();
        /** When set, every started pid is appended here (with the root directory), so a shell trap can end them. */
        public Path pidFile;
        private Process process;

        public Payara(String name, int port, Path root, Path log) {
            this.name = name;
            this.port = port;
            this.root = root;
            this.log = log;
        }

        public String base() {
            return "http://127.0.0.1:" + port;
        }

        /** Starts a new process on an emptied root directory; its output goes to `log` (appended when `append`). */
        public synchronized Process start(boolean append) throws IOException {
            if (process != null && process.isAlive()) {
                throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
            }
            deleteTree(root);
            Files.createDirectories(root.getParent());
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", micro.toString(), "--nocluster", "--port", String.valueOf(port),
                    "--rootdir", root.toAbsolutePath().toString()));
            if (postgres) {
                command.addAll(List.of("--addlibs", "target/postgresql.jar",
                        "--postbootcommandfile", "server-config/post-boot-postgresql.asadmin"));
            }
            command.addAll(List.of("--deploy", war.toString(), "--contextroot", "/"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
            if (pidFile != null) {
                Files.writeString(pidFile, process.pid() + " " + root.toAbsolutePath() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            return process;
        }

        public synchronized Process process() {
            return process;
        }

        public synchronized boolean alive() {
            return process != null && process.isAlive();
        }

        public synchronized long pid() {
            return process == null ? -1 : process.pid();
        }

        /** SIGKILL, no clean stop: what a crash or `kill -9` does. Waits until the process is gone. */
        public synchronized void kill9() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        /** SIGTERM (clean stop), then SIGKILL if it is still there after `grace`. */
        public synchronized void stop(Duration grace) {
            if (process == null || !process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    // ---------------------------------------------------------------- the vendors' own APIs (sandbox or real)

    /** Retries a transient failure with exponential backoff and jitter within a budget of time, as a careful tool does. */
    static final class Backoff {
        final Instant until;
        long pauseMs = 250;

        Backoff(Duration budget) {
            until = Instant.now().plus(budget);
        }

        void pause(String why, long atLeastMs) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("gave up retrying: " + why);
            }
            long wait = Math.max(atLeastMs, pauseMs + ThreadLocalRandom.current().nextLong(pauseMs / 2 + 1));
            if (pauseMs >= 2_000) {
                log("retry", why + "; trying again in " + wait + " ms"); // a long wait says why
            }
            pauseMs = Math.min(pauseMs * 2, 5_000);
            sleep(wait);
        }
    }

    /**
     * A Marketo REST client (identity + /rest/v1) at `root` (e.g. http://127.0.0.1:8080/sandbox/marketo): gets
     * and renews its access token on 601/602, and retries the documented transient errors (502, 604, 606, 608,
     * 611, 615, 713), HTTP 5xx and broken connections within `budget`. Every call is a request Marketo either ran
     * or did not (6xx: "failed completely and not executed"), so a retried write is never applied twice.
     */
    public static final class Marketo {
        static final java.util.Set<String> TRANSIENT = java.util.Set.of("502", "604", "606", "608", "611", "615", "713");
        final Http http;
        final String prefix;
        final String clientId;
        final String clientSecret;
        public Duration budget = Duration.ofMinutes(5);
        private volatile String token;

        public Marketo(Http http, String prefix, String clientId, String clientSecret) {
            this.http = http;
            this.prefix = prefix;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        public String token() throws Exception {
            String t = token;
            if (t != null) {
                return t;
            }
            Backoff backoff = new Backoff(budget);
            while (true) {
                try {
                    HttpResponse<String> answer = http.send(http.request(prefix + "/identity/oauth/token?grant_type=client_credentials"
                            + "&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)).GET());
                    if (answer.statusCode() == 200) {
                        Map<String, Object> body = Json.parse(answer.body());
                        if (body.get("access_token") != null) {
                            token = (String) body.get("access_token");
                            return token;
                        }
                        backoff.pause("Marketo identity: " + answer.body(), 0);
                        continue;
                    }
                    if (answer.statusCode() == 401 || answer.statusCode() == 400) {
                        throw new IllegalStateException("Marketo identity refused the client: " + answer.body());
                    }
                    backoff.pause("Marketo identity: HTTP " + answer.statusCode(), 0);
                } catch (IOException e) {
                    backoff.pause("Marketo identity: " + e, 0);
                }
            }
        }

        /** GET `path` (under /rest/v1, with its query) and answer the envelope once `success` is true. */
        public Map<String, Object> get(String path) throws Exception {
            return call(() -> http.request(prefix + "/rest/v1/" + path).GET());
        }

        /** POST a JSON body to `path` (under /rest/v1) and answer the envelope once `success` is true. */
        public Map<String, Object> post(String path, String json) throws Exception {
            return call(() -> http.request(prefix + "/rest/v1/" + path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        interface RequestMaker {
            HttpRequest.Builder make();
        }

        Map<String, Object> call(RequestMaker maker) throws Exception {
            Backoff backoff = new Backoff(budget);
            while (true) {
                HttpRequest.Builder request = maker.make().header("Authorization", "Bearer " + token());
                HttpResponse<String> answer;
                try {
                    answer = http.send(request);
                } catch (IOException e) {
                    backoff.pause("Marketo: " + e, 0);
                    continue;
                }
                if (answer.statusCode() != 200) {
                    if (answer.statusCode() >= 500 || answer.statusCode() == 429) {
                        backoff.pause("Marketo: HTTP " + answer.statusCode(), 0);
                        continue;
                    }
                    throw new IllegalStateException("Marketo " + answer.request().uri() + ": HTTP " + answer.statusCode() + " " + answer.body());
                }
                Map<String, Object> body = Json.parse(answer.body());
                if (Boolean.TRUE.equals(body.get("success"))) {
                    return body;
                }
                String code = String.valueOf(((Map<?, ?>) ((List<?>) body.get("errors")).get(0)).get("code"));
                if (code.equals("601") || code.equals("602")) {
                    token = null;
                    backoff.pause("Marketo token refused (" + code + ")", 0);
                } else if (TRANSIENT.contains(code)) {
                    backoff.pause("Marketo error " + code, 0);
                } else {
                    throw new MarketoRefused(code, answer.request().uri() + ": " + answer.body());
                }
            }
        }

        /** `action` (updateOnly, createOnly...) of up to 300 records by `lookupField`; the per-record results in input order. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> sync(String action, String lookupField, List<Map<String, Object>> input) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("action", action);
            body.put("lookupField", lookupField);
            body.put("input", input);
            return (List<Map<String, Object>>) post("leads.json", Json.write(body)).get("result");
        }

        /** Persons whose `filterType` is one of `values` (at most 300), with `fields`; pages through the answer. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> find(String filterType, List<String> values, String fields) throws Exception {
            List<Map<String, Object>> out = new ArrayList<>();
            String page = null;
            do {
                Map<String, Object> answer = get("leads.json?filterType=" + enc(filterType) + "&filterValues="
                        + enc(String.join(",", values)) + "&fields=" + enc(fields) + "&batchSize=300"
                        + (page == null ? "" : "&nextPageToken=" + enc(page)));
                Object result = answer.get("result");
                if (result != null) {
                    out.addAll((List<Map<String, Object>>) result);
                }
                page = Boolean.TRUE.equals(answer.get("moreResult")) ? (String) answer.get("nextPageToken") : null;
            } while (page != null);
            return out;
        }
    }

    /** A Marketo request-level error that is not transient (e.g. 1003), with its code. */
    public static final class MarketoRefused extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        public final String code;

        public MarketoRefused(String code, String message) {
            super("Marketo error " + code + ": " + message);
            this.code = code;
        }
    }

    /**
     * A Dataverse Web API client at `root` (e.g. http://127.0.0.1:8080/sandbox/dynamics) with Entra ID tokens
     * from `root`/`tenant`/oauth2/v2.0/token: the client-credentials grant, or the password grant when a
     * user name is given (a person's tool; Dataverse's service protection counts per user). Renews its token
     * on 401 and retries 429 (after Retry-After), 500/502/503/504 and broken connections within `budget`.
     */
    public static final class Dynamics {
        public static final String API = "/api/data/v9.2/";
        final Http http;
        final String root;
        final String tenant;
        final String clientId;
        final String clientSecret;
        final String username;
        final String password;
        public Duration budget = Duration.ofMinutes(5);
        private volatile String token;

        public Dynamics(Http http, String root, String tenant, String clientId, String clientSecret, String username, String password) {
            this.http = http;
            this.root = root;
            this.tenant = tenant;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.username = username;
            this.password = password;
        }

        public String token() throws Exception {
            String t = token;
            if (t != null) {
                return t;
            }
            String form = (username == null
                    ? "grant_type=client_credentials&client_secret=" + enc(clientSecret)
                    : "grant_type=password&username=" + enc(username) + "&password=" + enc(password))
                    + "&client_id=" + enc(clientId) + "&scope=" + enc(http.base + root + "/.default");
            Backoff backoff = new Backoff(budget);
            while (true) {
                try {
                    HttpResponse<String> answer = http.send(http.request(root + "/" + tenant + "/oauth2/v2.0/token")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)));
                    if (answer.statusCode() == 200) {
                        token = (String) Json.parse(answer.body()).get("access_token");
                        return token;
                    }
                    if (answer.statusCode() / 100 == 4) {
                        throw new IllegalStateException("Dynamics token: HTTP " + answer.statusCode() + " " + answer.body());
                    }
                    backoff.pause("Dynamics token: HTTP " + answer.statusCode(), 0);
                } catch (IOException e) {
                    backoff.pause("Dynamics token: " + e, 0);
                }
            }
        }

        /**
         * `method` `path` (below /api/data/v9.2/, or an absolute next link) with an optional JSON body and
         * extra headers (name, value, ...); answers the first response that is not a transient failure.
         */
        public HttpResponse<String> send(String method, String path, String json, String... headers) throws Exception {
            URI uri = URI.create(path.startsWith("http") ? path : http.base + root + API + path);
            Backoff backoff = new Backoff(budget);
            while (true) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token())
                        .header("OData-Version", "4.0").header("Accept", "application/json")
                        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
                if (json != null) {
                    request.header("Content-Type", "application/json");
                }
                for (int i = 0; i + 1 < headers.length; i += 2) {
                    request.header(headers[i], headers[i + 1]);
                }
                HttpResponse<String> answer;
                try {
                    answer = http.send(request);
                } catch (IOException e) {
                    backoff.pause("Dynamics " + method + " " + uri + ": " + e, 0);
                    continue;
                }
                int status = answer.statusCode();
                if (status == 401) {
                    token = null;
                    backoff.pause("Dynamics token refused", 0);
                } else if (status == 429) {
                    long after = answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    backoff.pause("Dynamics 429", after * 1000);
                } else if (status == 500 || status == 502 || status == 503 || status == 504) {
                    backoff.pause("Dynamics HTTP " + status, 0);
                } else {
                    return answer;
                }
            }
        }

        /** PATCH `set`(`id`) with `If-Match: *` (update only); fails unless Dataverse answers 204. */
        public void update(String set, String id, String json) throws Exception {
            HttpResponse<String> answer = send("PATCH", set + "(" + id + ")", json, "If-Match", "*");
            if (answer.statusCode() != 204) {
                throw new IllegalStateException("Dynamics PATCH " + set + "(" + id + "): HTTP " + answer.statusCode() + " " + answer.body());
            }
        }

        /** Every row of `set` with the `$select`ed columns, following `@odata.nextLink` pages of `pageSize`. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> readAll(String set, String select, int pageSize) throws Exception {
            List<Map<String, Object>> rows = new ArrayList<>();
            String next = set + "?$select=" + enc(select);
            while (next != null) {
                HttpResponse<String> answer = send("GET", next, null, "Prefer", "odata.maxpagesize=" + pageSize);
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("Dynamics GET " + next + ": HTTP " + answer.statusCode() + " " + answer.body());
                }
                Map<String, Object> page = Json.parse(answer.body());
                rows.addAll((List<Map<String, Object>>) page.get("value"));
                next = (String) page.get("@odata.nextLink");
            }
            return rows;
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- JSON

    /** Just enough JSON for the sandbox's, the vendors' and the status API's answers. */
    public static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        public static Map<String, Object> parse(String text) {
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

        public static String write(Object value) {
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
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
