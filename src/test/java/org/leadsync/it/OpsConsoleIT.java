package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops API of issue 14 and the console in a real browser (Debian's chromium and chromium-driver, headless, through
 * Selenium) against Payara with a one-second cycle (failsafe execution sync-rules-h2). The sandbox is seeded with
 * 3,100 Dynamics leads that the cycle links; then their titles are changed in Marketo to what a Dynamics business
 * rule refuses, so every person gets a sync failure: 3,100 errors to group, page and export. Every wait is on the
 * page or the API (WebDriverWait on an element or text, SyncWatch on the status), none on the clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsConsoleIT extends DeployedLeadSync {

    static final int PERSONS = 3100;
    static final Path DOWNLOADS = ConsoleBrowser.DOWNLOADS;

    private static boolean seeded;
    private static int failures;
    private static ConsoleBrowser console;

    @BeforeEach
    void seedOnce() {
        if (seeded) {
            return;
        }
        vendors.seed("{\"dynamicsLeads\":" + PERSONS + ",\"seed\":14}");
        sync.awaitStatus("every seeded lead linked", s -> s.getJsonObject("links").getInt("active") >= PERSONS);
        vendors.businessRule("{\"entity\":\"lead\",\"attribute\":\"jobtitle\",\"rule\":\"regex:^(?!Intern).*$\"}");
        List<String> titles = IntStream.rangeClosed(1, PERSONS)
                .mapToObj(id -> "{\"id\":" + id + ",\"title\":\"Intern " + id + "\"}").toList();
        vendors.updatePersons(titles);
        JsonObject summary = SyncWatch.awaitValue("a sync failure for every person",
                () -> http.getJson("api/sync/errors/summary"), s -> s.getJsonNumber("total").longValue() >= PERSONS);
        failures = summary.getInt("total");
        // the seeding was drained by one long cycle: wait for a few more, so the history has pages and the chart bars
        SyncWatch.awaitValue("six finished cycles", () -> http.getJson("api/sync/cycles?limit=6"),
                page -> page.getJsonArray("cycles").stream().filter(c -> !c.asJsonObject().isNull("finishedAt")).count() >= 6);
        seeded = true;
    }

    @AfterAll
    static void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    // ---- the API ------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void cycleHistoryShowsFinishedCyclesWithDurationAndCallsAndPagesByCursor() {
        JsonObject first = http.getJson("api/sync/cycles?limit=5");
        assertEquals(5, first.getJsonArray("cycles").size());
        JsonObject finished = first.getJsonArray("cycles").stream().map(JsonObject.class::cast)
                .filter(c -> !c.isNull("finishedAt")).findFirst().orElseThrow();
        assertNotNull(finished.getString("duration"));
        assertTrue(finished.getJsonObject("calls").containsKey("marketo"));
        long next = first.getJsonNumber("next").longValue();
        JsonObject second = http.getJson("api/sync/cycles?limit=5&before=" + next);
        Set<Long> ids = new HashSet<>();
        first.getJsonArray("cycles").forEach(c -> ids.add(c.asJsonObject().getJsonNumber("id").longValue()));
        second.getJsonArray("cycles").forEach(c -> assertTrue(ids.add(c.asJsonObject().getJsonNumber("id").longValue()),
                "a cycle on two pages"));
        long callsToMarketo = java.util.stream.Stream.concat(first.getJsonArray("cycles").stream(),
                        second.getJsonArray("cycles").stream())
                .map(c -> c.asJsonObject().getJsonObject("calls"))
                .mapToLong(calls -> calls.isNull("marketo") ? 0 : calls.getJsonNumber("marketo").longValue()).sum();
        assertTrue(callsToMarketo > 0, "each cycle reads the Marketo feed: " + first + second);
        assertBadRequest("api/sync/cycles?limit=0", "limit");
        assertBadRequest("api/sync/cycles?before=abc", "before");
        assertBadRequest("api/sync/cycles?before=999999999", "before");
    }

    @Test
    @Order(2)
    void throughputBacklogQuotasAndMe() {
        JsonObject hour = http.getJson("api/sync/throughput?range=1h");
        assertEquals(60, hour.getJsonArray("points").size());
        long read = hour.getJsonArray("points").stream().mapToLong(p -> p.asJsonObject().getJsonNumber("read").longValue()).sum();
        assertTrue(read >= PERSONS, "the seeded leads were read in the last hour: " + read);
        assertEquals(120, http.getJson("api/sync/throughput?range=5d").getJsonArray("points").size());
        assertBadRequest("api/sync/throughput?range=2h", "range");
        assertBadRequest("api/sync/throughput?range=1h%00", "range");

        JsonObject backlog = http.getJson("api/sync/backlog");
        JsonObject leads = backlog.getJsonObject("feeds").getJsonObject("dynamics.leads");
        assertEquals(PERSONS, leads.getJsonObject("initialSync").getInt("linked"));
        assertNotNull(backlog.getJsonObject("feeds").getJsonObject("marketo").getString("readUpTo"));

        JsonObject quotas = http.getJson("api/sync/quotas");
        JsonObject daily = quotas.getJsonObject("marketo").getJsonObject("daily");
        assertTrue(daily.getJsonNumber("used").longValue() > 0);
        assertEquals(50000, daily.getJsonNumber("limit").longValue());
        assertEquals(80, quotas.getJsonObject("marketo").getJsonObject("window20s").getInt("limit"));
        assertEquals(5000, quotas.getJsonObject("dynamics").getJsonObject("window5min").getInt("limit"));

        assertEquals(Map.of("user", "admin", "role", "admin", "canWrite", true), plain(http.getJson("api/me")));
        try (Http viewer = Http.viewer(base)) {
            assertEquals("viewer", viewer.getJson("api/me").getString("role"));
            assertFalse(viewer.getJson("api/me").getBoolean("canWrite"));
        }
    }

    @Test
    @Order(3)
    void errorsGroupPageAndExportCompletely() throws IOException {
        JsonObject summary = http.getJson("api/sync/errors/summary");
        assertEquals(failures, summary.getInt("total"));
        assertTrue(failures >= PERSONS);
        long grouped = summary.getJsonArray("groups").stream().mapToLong(g -> g.asJsonObject().getInt("count")).sum();
        assertTrue(grouped > 0);

        Set<Long> seen = new HashSet<>();
        String path = "api/sync/errors?limit=1000";
        int pages = 0;
        while (path != null) {
            JsonObject page = http.getJson(path);
            page.getJsonArray("errors").forEach(e -> assertTrue(seen.add(e.asJsonObject().getJsonNumber("id").longValue())));
            pages++;
            path = page.isNull("next") ? null : "api/sync/errors?limit=1000&before=" + page.getJsonNumber("next");
        }
        assertEquals(failures, seen.size(), "every error once over " + pages + " pages");

        try (Response csv = http.target("api/sync/errors").request("text/csv").get()) {
            assertEquals(200, csv.getStatus());
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(new StringReader(csv.readEntity(String.class))).getRecords();
            assertEquals(failures, rows.size(), "the CSV holds every error");
        }
        assertBadRequest("api/sync/errors?before=0", "before");
        assertBadRequest("api/sync/errors/summary?limit=501", "limit");
        assertBadRequest("api/sync/errors?message=a%0Ab", "message");
        assertBadRequest("api/sync/errors/summary?since=yesterday", "since");
        try (Response csv = http.target("api/sync/errors").queryParam("limit", "0").request("text/csv").get()) {
            assertEquals(400, csv.getStatus(), "a bad parameter is JSON 400 also when CSV is asked for");
        }
    }

    @Test
    @Order(4)
    void personsAreFoundByEmailAndBothIdsWithBothSidesValues() {
        JsonObject byEmail = http.getJson("api/persons?email=seed-lead-5@example.com");
        JsonObject person = byEmail.getJsonArray("persons").getJsonObject(0);
        JsonObject link = person.getJsonObject("link");
        assertEquals("active", link.getString("state"));
        JsonObject title = person.getJsonArray("fields").stream().map(JsonObject.class::cast)
                .filter(f -> f.getString("marketoField").equals("title")).findFirst().orElseThrow();
        assertTrue(title.getString("marketo").startsWith("Intern"), title.toString());
        assertFalse(title.getString("dynamics", "").startsWith("Intern"), "Dynamics refused the title: " + title);

        long leadId = person.getJsonNumber("leadId").longValue();
        assertEquals(leadId, http.getJson("api/persons?leadId=" + leadId).getJsonArray("persons").getJsonObject(0)
                .getJsonNumber("leadId").longValue());
        assertEquals(leadId, http.getJson("api/persons?dynamicsId=" + link.getString("dynamicsId").toUpperCase())
                .getJsonArray("persons").getJsonObject(0).getJsonNumber("leadId").longValue());
        assertEquals(0, http.getJson("api/persons?email=nobody@example.com").getJsonArray("persons").size());
        assertBadRequest("api/persons", "email");
        assertBadRequest("api/persons?email=a@b.c&leadId=1", "leadId");
        assertBadRequest("api/persons?dynamicsId=not-a-guid", "dynamicsId");
        assertBadRequest("api/persons?email=no-at-sign", "email");
        assertBadRequest("api/persons?email=a%00@example.com", "email");
        assertBadRequest("api/persons?leadId=-4", "leadId");
    }

    // ---- the console in the browser ---------------------------------------------------------------------------

    @Test
    @Order(10)
    void everyViewLoadsRealDataWithoutAxeViolationsInLightAndDarkAndFitsAPhone() throws IOException {
        ChromeDriver b = browser();
        signIn(b, "admin", Http.setting("leadsync.admin.password", null));
        for (String theme : List.of("light", "dark")) {
            b.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
            for (String view : List.of("status", "errors", "person/seed-lead-7@example.com", "fields", "alerts")) {
                open(b, view);
                axe(b, view + " (" + theme + ")");
                shot(b, view.replaceAll("/.*", "") + "-" + theme);
            }
        }
        b.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        b.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String view : List.of("status", "errors", "person/seed-lead-7@example.com", "fields", "alerts")) {
                open(b, view);
                long documentWidth = ((Number) b.executeScript("return document.documentElement.scrollWidth")).longValue();
                long viewport = ((Number) b.executeScript("return window.innerWidth")).longValue();
                assertTrue(documentWidth <= viewport, view + " at 360 px is " + documentWidth + " px wide");
                shot(b, view.replaceAll("/.*", "") + "-phone");
            }
        } finally {
            b.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(11)
    void theErrorsViewPagesEveryErrorAndTheCsvDownloadHoldsThemAll() throws IOException {
        ChromeDriver b = browser();
        signIn(b, "admin", Http.setting("leadsync.admin.password", null));
        open(b, "errors");
        wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("groups-caption"),
                String.format("%,d failures", failures)));
        int rows = 0;
        int page = 1;
        while (true) {
            String caption = "page " + page + ",";
            wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors-caption"), caption));
            rows += b.findElements(By.cssSelector("#errors-table tbody tr")).size();
            WebElement next = b.findElement(By.id("errors-next"));
            if (!next.isDisplayed()) {
                break;
            }
            next.click();
            page++;
        }
        assertEquals(failures, rows, "every error on some page (" + page + " pages)");

        try (var old = Files.list(DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        b.findElement(By.id("errors-csv")).click();
        Path csv = DOWNLOADS.resolve("sync-errors.csv");
        wait(b).until(d -> Files.isRegularFile(csv));
        wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors-message"), "Downloaded"));
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(csv, StandardCharsets.UTF_8)).getRecords();
        assertEquals(failures, records.size(), "the downloaded CSV holds every error");
    }

    @Test
    @Order(12)
    void searchByEmailAndAnErrorRowOpenThePerson() {
        ChromeDriver b = browser();
        signIn(b, "admin", Http.setting("leadsync.admin.password", null));
        open(b, "errors");
        b.findElement(By.id("errors-person")).sendKeys("seed-lead-9@example.com");
        b.findElement(By.cssSelector("#person-find-errors button[type=submit]")).click();
        wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-body"), "seed-lead-9@example.com"));
        assertTrue(b.findElement(By.id("person-body")).getText().contains("Linked and syncing"));
        wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity-caption"), "entries shown"));
        String log = b.findElement(By.id("activity-table")).getText();
        assertTrue(log.contains("Sync failed"), log);
        assertFalse(log.contains("(R"), "no rule numbers in what users read: " + log);

        open(b, "errors");
        WebElement personLink = wait(b).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#errors-table tbody tr a[href^='#person/']")));
        String leadId = personLink.getAttribute("href").replaceAll(".*#person/", "");
        personLink.click();
        wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-body"), leadId));
    }

    @Test
    @Order(13)
    void aMappingSaveWithAnErrorShowsThePlainMessageAtTheRow() {
        ChromeDriver b = browser();
        signIn(b, "admin", Http.setting("leadsync.admin.password", null));
        open(b, "fields");
        wait(b).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mapping-rows tr")));
        b.findElement(By.id("fields-add")).click();
        b.findElement(By.id("fields-save")).click();
        WebElement message = wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#fields-message.error")));
        assertTrue(message.getText().contains("Nothing was saved"), message.getText());
        WebElement note = wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#mapping-rows .note.error")));
        String shown = b.findElement(By.tagName("main")).getText();
        assertFalse(note.getText().isBlank());
        assertFalse(shown.contains("mappings["), shown);
        assertFalse(shown.contains(".md"), shown);
        assertEquals(6, http.getJson("api/field-mappings").getJsonArray("mappings").size(), "nothing saved");
    }

    @Test
    @Order(14)
    void aViewerSeesNoWriteControl() {
        ChromeDriver b = browser();
        signIn(b, Http.setting("leadsync.viewer.user", null), Http.setting("leadsync.viewer.password", null));
        for (String view : List.of("status", "fields")) {
            open(b, view);
            List<WebElement> writes = b.findElements(By.cssSelector(".write")).stream().filter(WebElement::isDisplayed).toList();
            assertEquals(List.of(), writes.stream().map(WebElement::getText).toList(), view);
        }
        wait(b).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mapping-rows select")));
        assertTrue(b.findElements(By.cssSelector("#mapping-rows select")).stream().noneMatch(WebElement::isEnabled));
        assertTrue(b.findElements(By.cssSelector("#mapping-rows button")).isEmpty());
        assertTrue(b.findElement(By.id("signedin")).getText().contains("read only"));
    }

    @Test
    @Order(15)
    void theSignInSurvivesAReloadAndCanBeEnded() {
        ChromeDriver b = browser();
        signIn(b, "admin", Http.setting("leadsync.admin.password", null));
        b.navigate().refresh();
        assertEquals("signed-in", console.session());
        wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.id("signedin")));
        b.findElement(By.id("signout")).click();
        wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        b.navigate().refresh();
        assertEquals("signed-out", console.session());
        wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertFalse(b.findElement(By.id("app")).isDisplayed(), "signed out stays signed out after a reload");
    }

    @Test
    @Order(20)
    void pauseAndResumeToggleAndOnlyTheUsefulOneIsOffered() {
        ChromeDriver b = browser();
        signIn(b, "admin", Http.setting("leadsync.admin.password", null));
        open(b, "status");
        WebElement pause = wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.id("pause")));
        assertFalse(b.findElement(By.id("resume")).isDisplayed());
        pause.click();
        wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.id("resume")));
        wait(b).until(ExpectedConditions.invisibilityOfElementLocated(By.id("pause")));
        assertTrue(sync.status().getBoolean("paused"));
        b.findElement(By.id("resume")).click();
        wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.id("pause")));
        assertFalse(sync.status().getBoolean("paused"));
    }

    // ---- browser plumbing ---------------------------------------------------------------------------------------

    private ChromeDriver browser() {
        if (console == null) {
            console = new ConsoleBrowser(base);
        }
        return console.driver;
    }

    private void signIn(ChromeDriver b, String user, String password) {
        console.signIn(user, password);
    }

    /** Opens a view and waits for the data it shows. */
    private void open(ChromeDriver b, String view) {
        console.show(view);
        switch (view.replaceAll("/.*", "")) {
            case "status" -> {
                wait(b).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cycles-table tbody tr")));
                wait(b).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#quota-body meter")));
                wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("backlog-body"), "Dynamics leads"));
                wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("throughput-caption"), "read"));
            }
            case "errors" -> wait(b).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#errors-table tbody tr")));
            case "person" -> wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity-caption"), "entries shown"));
            case "fields" -> {
                wait(b).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mapping-rows tr")));
                wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("template-body"), "{{lead.Id}}"));
            }
            case "alerts" -> wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts-body"),
                    "Sync failures in the last hour"));
            default -> throw new IllegalArgumentException(view);
        }
    }

    private static WebDriverWait wait(ChromeDriver b) {
        return console.waiting();
    }

    private static void axe(ChromeDriver b, String where) {
        console.assertNoAxeViolation(where);
    }

    private static void shot(ChromeDriver b, String name) {
        console.screenshot(name);
    }

    private void assertBadRequest(String path, String field) {
        try (Response r = http.get(path)) {
            assertEquals(400, r.getStatus(), path);
            JsonObject body = r.readEntity(JsonObject.class);
            assertEquals("bad-request", body.getString("error"));
            assertEquals(field, body.getJsonArray("details").getJsonObject(0).getString("field"), path);
        }
    }

    private static Map<String, Object> plain(JsonObject json) {
        return Map.of("user", json.getString("user"), "role", json.getString("role"), "canWrite", json.getBoolean("canWrite"));
    }
}
