package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver by Selenium, signed in to the console of a
 * deployment. Missing browser or driver is a failure, never a skip: .ci/run installs them. Waits are WebDriverWaits
 * on the page, bounded by {@link #PATIENCE}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();

    private static String axeSource;

    final ChromeDriver driver;
    private final URL base;

    ConsoleBrowser(URL base) {
        this.base = base;
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new AssertionError("The browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver); .ci/run installs them");
        }
        try {
            Files.createDirectories(DOWNLOADS);
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--lang=en-US")
                .setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                        "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
    }

    /** Waits until the page knows whether the tab's sign-in holds (body[data-session] is not `resuming`). */
    String session() {
        return waiting().until(d -> {
            String state = d.findElement(By.tagName("body")).getAttribute("data-session");
            return state == null || state.equals("resuming") ? null : state;
        });
    }

    void signIn(String user, String password) {
        driver.get(base.toString());
        if (session().equals("signed-in")) {
            driver.findElement(By.id("signout")).click();
        }
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-session", "signed-out"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        WebElement name = driver.findElement(By.id("user"));
        name.clear();
        name.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#signin button[type=submit]")).click();
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-session", "signed-in"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("signedin-user"), user));
    }

    void signInAsAdmin() {
        signIn("admin", Http.setting("leadsync.admin.password", null));
    }

    /** Loads the console at a view (`status`, `person/<email>`...) and waits until the view is shown. */
    void show(String view) {
        driver.get(base + "#" + view);
        driver.navigate().refresh(); // a new hash alone does not reload; the sign-in survives the reload
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + view.replaceAll("/.*", ""))));
    }

    /** Waits on the page; the console re-renders tables as data arrives, so an element gone stale is looked up again. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    void darkTheme(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                java.util.List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** Runs axe-core (its script from the Maven Central artifact com.deque.html.axe-core:selenium); any violation fails. */
    void assertNoAxeViolation(String where) {
        if (axeSource == null) {
            try (InputStream in = ConsoleBrowser.class.getResourceAsStream("/axe.min.js")) {
                assertNotNull(in, "axe.min.js on the test class path");
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        driver.executeScript(axeSource);
        Object violations = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document).then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help,"
                + " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))).catch(e => done('error ' + e));");
        assertEquals("[]", violations, "axe-core in " + where);
    }

    /** The whole page, not only the viewport (Chrome DevTools' captureBeyondViewport). */
    void screenshot(String name) {
        Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number height = (Number) driver.executeScript("return Math.min(document.documentElement.scrollHeight, 12000)");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.write(SHOTS.resolve(name + ".png"), java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
