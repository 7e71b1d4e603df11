package org.leadsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The app as the README's run command configures it (failsafe execution console-demo: mp.config.profile=demo, so
 * demo data, demo activity and 20-s cycles; payara-demo-it.properties), seen in a browser: linked persons, a
 * collision and a validation failure appear in the console (issue 15). And the alerts (issue 14): a local SMTP
 * server (GreenMail) and a local HTTP receiver (the JDK's HttpServer) get each incident once and its recovery once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsConsoleDemoIT extends DeployedLeadSync {

    static final int SMTP_PORT = 8481;
    static final int WEBHOOK_PORT = 8482;

    private static GreenMail smtp;
    private static HttpServer receiver;
    private static final List<String> webhookTexts = Collections.synchronizedList(new ArrayList<>());
    private static ConsoleBrowser console;

    @BeforeAll
    static void startReceivers() throws IOException {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", WEBHOOK_PORT), 0);
        receiver.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                webhookTexts.add(reader.readObject().getString("text")); // Slack's incoming-webhook shape
            } catch (RuntimeException notSlackJson) {
                webhookTexts.add("NOT SLACK JSON: " + body);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceivers() {
        if (console != null) {
            console.close();
        }
        smtp.stop();
        receiver.stop(0);
    }

    @Test
    @Order(1)
    void theDemoShowsLinkedPersonsACollisionAndAValidationFailureInTheConsole() {
        console = new ConsoleBrowser(base);
        console.signInAsAdmin();
        console.show("status");
        WebElement status = console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("status-body")));
        console.waiting().until(d -> status.getText().matches("(?s).*Linked persons\\s+[1-9][0-9,]* syncing.*"));
        // the cycle history (the console reloads it every 10 s) shows the cycle in which the demo's edit of one
        // phone on both sides collided
        console.waiting().until(d -> d.findElements(By.cssSelector("#cycles-table tbody tr td:nth-child(6)")).stream()
                .anyMatch(cell -> cell.getText().matches("[1-9][0-9,]*")));
        console.screenshot("demo-status");

        console.show("errors");
        // the errors view shows what was there when it loaded; "Filter" reads again, as a user would press it
        WebElement groups = console.waiting().until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#groups-table tbody tr"));
            if (rows.isEmpty()) {
                d.findElement(By.cssSelector("#errors-form button[type=submit]")).click();
                return null;
            }
            return rows.get(0);
        });
        assertTrue(groups.getText().contains("Intern") || groups.getText().contains("0x80040265"),
                "Dynamics' business rule refused the demo's Intern title: " + groups.getText());
        WebElement person = console.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#errors-table tbody tr a[href^='#person/']")));
        person.click();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity-table"), "Sync failed"));
        console.screenshot("demo-person");
    }

    @Test
    @Order(2)
    void aFailureBurstAlertsOnceByEmailAndWebhook() {
        // errors-per-hour=0: the demo's first validation failure opens the incident
        String subject = "LeadSync alert: Sync failures in the last hour";
        awaitEmail(subject);
        awaitWebhook(subject);
        console.signInAsAdmin();
        console.show("alerts");
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts-body"), "Alerting since"));
        assertTrue(console.driver.findElement(By.id("alerts-body")).getText().contains("Sync failures in the last hour"));
        console.screenshot("alerts-light");
        console.assertNoAxeViolation("alerts");
    }

    @Test
    @Order(3)
    void aStoppedSyncAlertsOnceAndItsRecoveryIsNoticedOnce() {
        String alert = "LeadSync alert: No cycle finished lately";
        String recovery = "LeadSync recovered: No cycle finished lately";
        sync.pause();
        awaitEmail(alert);
        awaitWebhook(alert);
        sync.resume();
        awaitEmail(recovery);
        awaitWebhook(recovery);
        assertEquals(1, subjects().stream().filter(alert::equals).count(), "once per incident: " + subjects());
        assertEquals(1, webhookTexts.stream().filter(t -> t.startsWith(alert)).count(), webhookTexts.toString());
        assertEquals(1, subjects().stream().filter("LeadSync alert: Sync failures in the last hour"::equals).count(),
                "the failures' incident is still the same one: " + subjects());
    }

    private static void awaitEmail(String subject) {
        SyncWatch.await("an email \"" + subject + "\"", () -> subjects().contains(subject), () -> subjects().toString());
    }

    private static void awaitWebhook(String subject) {
        SyncWatch.await("a webhook \"" + subject + "\"", () -> webhookTexts.stream().anyMatch(t -> t.startsWith(subject)),
                webhookTexts::toString);
    }

    private static List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                assertEquals("ops@example.com", message.getAllRecipients()[0].toString());
                subjects.add(message.getSubject());
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return subjects;
    }
}
