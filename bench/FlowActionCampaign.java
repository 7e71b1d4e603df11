import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's burst of "Sync Person to Microsoft" calls (issue 17's figures, README Benchmark): N persons from
 * C concurrent callers with the webhook template's payload, against a running LeadSync on its sandbox with the
 * vendors' limits on; optionally with Dynamics down (sandbox fault: 503) for the first OUTAGE seconds. Waits until
 * no call is pending and every person's lead exists, then prints one JSON line: lost (persons without a lead),
 * duplicates (extra leads), creates per second (from the first call to the last lead, and after recovery),
 * the longest answer, p99 of the known outcomes (not 202), statuses, and the Marketo calls the run cost
 * (the sandbox's counter, the background cycle's calls included).
 *
 *   java bench/FlowActionCampaign.java baseUrl webhookKey adminPassword [persons] [callers] [outageSeconds]
 */
public class FlowActionCampaign {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[2]).getBytes(StandardCharsets.UTF_8));
        int persons = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int callers = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int outage = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        String set = Long.toString(System.currentTimeMillis(), 36);
        List<Long> ids = createPersons(base, persons, set);
        long marketoBefore = marketoCalls(base);
        long leadsBefore = leads(base);
        if (outage > 0) {
            put(base + "/sandbox/admin/faults", "{\"system\":\"dynamics\",\"status\":503,\"count\":100000000}");
        }
        long started = System.nanoTime();
        Thread recovery = null;
        long[] recoveredAt = {started};
        if (outage > 0) {
            recovery = new Thread(() -> {
                try {
                    Thread.sleep(outage * 1000L);
                    delete(base + "/sandbox/admin/faults");
                    recoveredAt[0] = System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            recovery.start();
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Callable<long[]>> calls = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String body = payload(ids.get(i), set, i);
            calls.add(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/flow-actions/sync-person-to-microsoft"))
                        .timeout(Duration.ofSeconds(40)).header("Content-Type", "application/json").header("X-Api-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long start = System.nanoTime();
                int status;
                try {
                    status = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (java.io.IOException timeout) {
                    status = 0; // no answer within Marketo's wait: a lost call
                }
                return new long[] {System.nanoTime() - start, status};
            });
        }
        List<Long> all = new ArrayList<>();
        List<Long> known = new ArrayList<>();
        Map<Long, Integer> statuses = new TreeMap<>();
        for (Future<long[]> f : pool.invokeAll(calls)) {
            long[] r = f.get();
            all.add(r[0]);
            if (r[1] != 202) {
                known.add(r[0]);
            }
            statuses.merge(r[1], 1, Integer::sum);
        }
        double answeredSeconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        if (recovery != null) {
            recovery.join();
        }
        // the background finishes what was queued: wait for no pending call and every lead
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline && (pending(base, admin) > 0 || leads(base) - leadsBefore < persons)) {
            Thread.sleep(250);
        }
        double doneSeconds = (System.nanoTime() - started) / 1e9;
        double afterRecovery = (System.nanoTime() - recoveredAt[0]) / 1e9;
        Thread.sleep(Duration.ofSeconds(15).toMillis()); // the retrier's batched write-back of msftId/msftType
        long marketoCalls = marketoCalls(base) - marketoBefore;
        Map<String, Integer> byEmail = leadsByEmail(base, set);
        int lost = 0;
        int duplicates = 0;
        for (int i = 0; i < persons; i++) {
            int n = byEmail.getOrDefault(email(set, i), 0);
            lost += n == 0 ? 1 : 0;
            duplicates += Math.max(0, n - 1);
        }
        Collections.sort(all);
        Collections.sort(known);
        System.out.printf("{\"scenario\":\"campaign\",\"persons\":%d,\"callers\":%d,\"outageSeconds\":%d,\"lost\":%d,\"duplicates\":%d,"
                        + "\"answeredSeconds\":%.1f,\"doneSeconds\":%.1f,\"createsPerSecond\":%.1f,\"createsPerSecondAfterRecovery\":%.1f,"
                        + "\"answerMaxMs\":%.0f,\"knownP99Ms\":%s,\"statuses\":%s,\"marketoCalls\":%d,\"marketoCallTarget\":%d}%n",
                persons, callers, outage, lost, duplicates, answeredSeconds, doneSeconds, persons / doneSeconds,
                persons / afterRecovery, all.get(all.size() - 1) / 1e6, known.isEmpty() ? "null" : String.format("%.0f", ms(known, 0.99)),
                statuses.toString().replace("=", ":").replaceAll("(\\d+):", "\"$1\":"), marketoCalls, (persons + 299) / 300 + 10);
    }

    /** The template's payload as Marketo fills it in (the default field mappings): no Marketo read on the path. */
    private static String payload(long id, String set, int i) {
        return "{\"leadId\":" + id + ",\"syncAs\":\"lead\",\"person\":{\"email\":\"" + email(set, i)
                + "\",\"firstName\":\"Bench\",\"lastName\":\"Campaign " + i + "\",\"company\":\"Campaign Inc\",\"title\":\"\",\"phone\":null}}";
    }

    private static String email(String set, int i) {
        return "campaign-" + set + "-" + i + "@bench.example.com";
    }

    private static double ms(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static long marketoCalls(String base) throws Exception {
        Matcher m = Pattern.compile("\"marketo\"\\s*:\\s*\\{\"calls\"\\s*:\\s*(\\d+)").matcher(get(base + "/sandbox/admin/stats", null));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long leads(String base) throws Exception {
        Matcher m = Pattern.compile("\"leads\"\\s*:\\s*(\\d+)").matcher(get(base + "/sandbox/admin/stats", null));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long pending(String base, String admin) throws Exception {
        Matcher m = Pattern.compile("\"flowActions\"\\s*:\\s*\\{[^}]*\"pending\"\\s*:\\s*(\\d+)").matcher(get(base + "/api/sync/status", admin));
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    /** Every lead of this run by email, read from the Dynamics sandbox's Web API page by page. */
    private static Map<String, Integer> leadsByEmail(String base, String set) throws Exception {
        String token = match(post(base + "/sandbox/dynamics/bench/oauth2/v2.0/token",
                "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret&scope=https%3A%2F%2Forg%2F.default",
                "application/x-www-form-urlencoded"), "\"access_token\"\\s*:\\s*\"([^\"]+)\"").get(0);
        Map<String, Integer> out = new HashMap<>();
        String next = base + "/sandbox/dynamics/api/data/v9.2/leads?$select=" + URLEncoder.encode("emailaddress1", StandardCharsets.UTF_8);
        while (next != null) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(next)).header("Authorization", "Bearer " + token)
                    .header("Prefer", "odata.maxpagesize=5000").build();
            String page = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            for (String email : match(page, "\"emailaddress1\"\\s*:\\s*\"([^\"]+)\"")) {
                if (email.startsWith("campaign-" + set + "-")) {
                    out.merge(email, 1, Integer::sum);
                }
            }
            List<String> link = match(page, "\"@odata.nextLink\"\\s*:\\s*\"([^\"]+)\"");
            next = link.isEmpty() ? null : link.get(0);
        }
        return out;
    }

    /** Persons made through the Marketo sandbox's own REST API, 300 per call as Marketo allows. */
    private static List<Long> createPersons(String base, int count, String set) throws Exception {
        String token = match(get(base + "/sandbox/marketo/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=sandbox-client&client_secret=sandbox-secret", null), "\"access_token\"\\s*:\\s*\"([^\"]+)\"").get(0);
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < count; from += 300) {
            StringBuilder input = new StringBuilder();
            for (int i = from; i < Math.min(count, from + 300); i++) {
                input.append(input.length() == 0 ? "" : ",").append("{\"email\":\"").append(email(set, i))
                        .append("\",\"firstName\":\"Bench\",\"lastName\":\"Campaign ").append(i).append("\",\"company\":\"Campaign Inc\"}");
            }
            String answer = "";
            for (int attempt = 0; attempt < 30; attempt++) { // the sandbox's own 100 calls / 20 s apply to us too
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sandbox/marketo/rest/v1/leads.json"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"createOnly\",\"lookupField\":\"email\",\"input\":["
                                + input + "]}")).build();
                answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
                if (!answer.contains("\"606\"")) {
                    break;
                }
                Thread.sleep(1000);
            }
            match(answer, "\"id\"\\s*:\\s*(\\d+)").forEach(id -> ids.add(Long.parseLong(id)));
        }
        if (ids.size() != count) {
            throw new IllegalStateException("Created " + ids.size() + " of " + count + " persons");
        }
        return ids;
    }

    private static String get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String post(String url, String body, String type) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void put(String url, String json) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void delete(String url) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> match(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
