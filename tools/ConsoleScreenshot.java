import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a headless Chromium over the DevTools protocol with nothing but the JDK (no npm, no Selenium):
 * opens the console, signs in through its form, looks up a person's activity, tries to save a field set with an
 * empty row (refused: nothing is saved, so the validation messages show), then saves a full-page screenshot.
 *
 * java tools/ConsoleScreenshot.java DEVTOOLS_PORT CONSOLE_URL USER PASSWORD OUT.png [PERSON_ID]
 * Exits non-zero when a step does not show what it should.
 */
public class ConsoleScreenshot {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final Map<Integer, CompletableFuture<String>> PENDING = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static WebSocket socket;

    public static void main(String[] args) throws Exception {
        String port = args[0];
        String url = args[1];
        String person = args.length > 5 ? args[5] : "1";
        String pages = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher target = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(pages);
        if (!target.find()) {
            throw new IllegalStateException("no page target in " + pages);
        }
        socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(target.group(1)), new Replies()).get(10, TimeUnit.SECONDS);

        call("Emulation.setDeviceMetricsOverride", "{\"width\":1280,\"height\":900,\"deviceScaleFactor\":1,\"mobile\":false}");
        call("Page.navigate", "{\"url\":" + json(url) + "}");
        waitFor("document.readyState === 'complete' && !!document.getElementById('signin')", "the sign-in form");

        try {
            steps(args[2], args[3], person);
        } finally {
            // A screenshot also when a step fails: it shows what the page showed instead.
            screenshot(args[4]);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    private static void steps(String user, String password, String person) throws Exception {
        eval("document.getElementById('user').value = " + json(user) + ";"
                + "document.getElementById('password').value = " + json(password) + ";"
                + "document.getElementById('signin').requestSubmit(); true");
        waitFor("!document.getElementById('app').hidden", "the console after sign-in");
        waitFor("document.querySelectorAll('#status-body dd').length > 5", "the status figures");
        waitFor("document.querySelectorAll('#mapping-rows tr').length > 0", "the field mappings");

        eval("document.getElementById('activity-lead').value = " + json(person) + ";"
                + "document.getElementById('activity-form').requestSubmit(); true");
        waitFor("/Person|No activity/.test(document.getElementById('activity-caption').textContent + "
                + "document.getElementById('activity-message').textContent)", "the activity log");

        eval("document.getElementById('fields-add').click(); document.getElementById('fields-save').click(); true");
        waitFor("document.querySelectorAll('#mapping-rows .note.error').length > 0", "the validation message by the empty row");
    }

    private static void screenshot(String out) throws Exception {
        int height = Integer.parseInt(eval("String(document.documentElement.scrollHeight)"));
        call("Emulation.setDeviceMetricsOverride", "{\"width\":1280,\"height\":" + height + ",\"deviceScaleFactor\":1,\"mobile\":false}");
        Thread.sleep(300);
        String shot = call("Page.captureScreenshot", "{\"format\":\"png\"}");
        Matcher data = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(shot);
        if (!data.find()) {
            throw new IllegalStateException("no screenshot in " + shot.substring(0, Math.min(200, shot.length())));
        }
        Files.write(Path.of(out), Base64.getDecoder().decode(data.group(1)));
        System.out.println("saved " + out + " (1280x" + height + ")");
    }

    /** Polls a boolean expression in the page, so each step waits for the page rather than for a fixed time. */
    private static void waitFor(String expression, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if ("true".equals(eval("String(!!(" + expression + "))"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }

    /** Evaluates JavaScript in the page; answers the string value (the expressions here all yield strings or true). */
    private static String eval(String expression) throws Exception {
        String answer = call("Runtime.evaluate", "{\"expression\":" + json(expression) + ",\"returnByValue\":true}");
        if (answer.contains("\"exceptionDetails\"")) {
            throw new IllegalStateException("page script failed: " + answer);
        }
        Matcher value = Pattern.compile("\"value\":(\"((?:[^\"\\\\]|\\\\.)*)\"|true|false)").matcher(answer);
        if (!value.find()) {
            return "";
        }
        return value.group(2) != null ? value.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : value.group(1);
    }

    private static String call(String method, String params) throws Exception {
        int id = NEXT.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        PENDING.put(id, reply);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).get();
        String answer = reply.get(30, TimeUnit.SECONDS);
        if (answer.startsWith("{\"id\":" + id + ",\"error\"")) {
            throw new IllegalStateException(method + " failed: " + answer);
        }
        return answer;
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Collects a message's frames and hands each reply to the call waiting for its id; events are ignored. */
    private static final class Replies implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                Matcher id = ID.matcher(text);
                if (id.find()) {
                    CompletableFuture<String> reply = PENDING.remove(Integer.parseInt(id.group(1)));
                    if (reply != null) {
                        reply.complete(text);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
