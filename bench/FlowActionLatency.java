import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * Latency of "Sync Person to Microsoft" (R15) at N concurrent callers against a running LeadSync on
 * its sandbox: creates persons in the Marketo sandbox, then calls the webhook once per person (each
 * creates a lead) and once more (each answers "exists"); then the same for a second set of persons with
 * the payload of the webhook template (docs/api.md: the person's mapped fields in `person`, so no Marketo
 * read). Prints one JSON line per round, with the Marketo calls the round cost (the sandbox's counters).
 *
 *   java bench/FlowActionLatency.java [baseUrl] [webhookKey] [callers] [persons]
 */
public class FlowActionLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String key = args.length > 1 ? args[1] : System.getenv("LEADSYNC_WEBHOOK_API_KEY");
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int persons = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        if (key == null) {
            throw new IllegalArgumentException("Give the webhook key (leadsync.webhook.api-key) as 2nd argument");
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Long> ids = createPersons(base, persons, run + "a");
        round("create", base, key, callers, ids, id -> "{\"leadId\":" + id + "}");
        round("exists", base, key, callers, ids, id -> "{\"leadId\":" + id + "}");
        List<Long> more = createPersons(base, persons, run + "b");
        round("create-with-payload", base, key, callers, more, id -> payload(id, run + "b", more.indexOf(id)));
    }

    /** The template's payload as Marketo fills it in for person `i` of a set (the default field mappings). */
    private static String payload(long id, String set, int i) {
        return "{\"leadId\":" + id + ",\"syncAs\":\"lead\",\"person\":{\"email\":\"" + email(set, i)
                + "\",\"firstName\":\"Bench\",\"lastName\":\"Caller " + i + "\",\"company\":\"Latency Inc\",\"title\":\"\",\"phone\":null}}";
    }

    private static String email(String set, int i) {
        return "latency-" + set + "-" + i + "@bench.example.com";
    }

    private static long marketoCalls(String base) throws Exception {
        Matcher m = Pattern.compile("\"marketo\"\\s*:\\s*\\{\"calls\"\\s*:\\s*(\\d+)").matcher(get(base + "/sandbox/admin/stats"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void round(String name, String base, String key, int callers, List<Long> ids,
                              java.util.function.LongFunction<String> body) throws Exception {
        long marketoBefore = marketoCalls(base);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Callable<long[]>> calls = new ArrayList<>();
        for (long id : ids) {
            calls.add(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/flow-actions/sync-person-to-microsoft"))
                        .timeout(Duration.ofSeconds(40)).header("Content-Type", "application/json").header("X-Api-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body.apply(id))).build();
                long start = System.nanoTime();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return new long[] {System.nanoTime() - start, response.statusCode()};
            });
        }
        long started = System.nanoTime();
        List<Long> nanos = new ArrayList<>();
        Map<Long, Integer> statuses = new TreeMap<>();
        for (Future<long[]> f : pool.invokeAll(calls)) {
            long[] r = f.get();
            nanos.add(r[0]);
            statuses.merge(r[1], 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Collections.sort(nanos);
        long marketoCalls = marketoCalls(base) - marketoBefore; // the background cycle's calls count too
        System.out.printf("{\"round\":\"%s\",\"callers\":%d,\"calls\":%d,\"seconds\":%.2f,\"perSecond\":%.1f,\"p50ms\":%.1f,"
                        + "\"p99ms\":%.1f,\"maxms\":%.1f,\"marketoCalls\":%d,\"statuses\":%s}%n", name, callers, nanos.size(), seconds,
                nanos.size() / seconds, ms(nanos, 0.50), ms(nanos, 0.99), nanos.get(nanos.size() - 1) / 1e6, marketoCalls,
                statuses.toString().replace("=", ":").replaceAll("(\\d+):", "\"$1\":"));
    }

    private static double ms(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** Persons made through the Marketo sandbox's own REST API, 300 per call as Marketo allows. */
    private static List<Long> createPersons(String base, int count, String set) throws Exception {
        String token = match(get(base + "/sandbox/marketo/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=sandbox-client&client_secret=sandbox-secret"), "\"access_token\"\\s*:\\s*\"([^\"]+)\"").get(0);
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < count; from += 300) {
            StringBuilder input = new StringBuilder();
            for (int i = from; i < Math.min(count, from + 300); i++) {
                input.append(input.length() == 0 ? "" : ",").append("{\"email\":\"").append(email(set, i))
                        .append("\",\"firstName\":\"Bench\",\"lastName\":\"Caller ").append(i)
                        .append("\",\"company\":\"Latency Inc\"}");
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sandbox/marketo/rest/v1/leads.json"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"createOnly\",\"lookupField\":\"email\",\"input\":["
                            + input + "]}")).build();
            String answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            match(answer, "\"id\"\\s*:\\s*(\\d+)").forEach(id -> ids.add(Long.parseLong(id)));
        }
        if (ids.size() != count) {
            throw new IllegalStateException("Created " + ids.size() + " of " + count + " persons");
        }
        return ids;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
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
