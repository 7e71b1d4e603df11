package org.leadsync.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends an alert or a recovery notice to the configured channels (docs/api.md, Alerts): a webhook that takes
 * Slack's incoming-webhook JSON `{"text": ...}`, and email through the server's Jakarta Mail session (or an SMTP
 * host of its own when no session is named). A channel that fails is logged; the other still gets the notice.
 */
@ApplicationScoped
public class AlertDelivery {

    private static final Logger LOG = Logger.getLogger(AlertDelivery.class.getName());

    @Inject
    @ConfigProperty(name = "leadsync.alerts.webhook-url")
    Optional<String> webhookUrl;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.email.to")
    Optional<String> emailTo;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.email.from", defaultValue = "leadsync@localhost")
    String emailFrom;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.mail-session")
    Optional<String> mailSession;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.smtp.host", defaultValue = "localhost")
    String smtpHost;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.smtp.port", defaultValue = "25")
    int smtpPort;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public boolean webhookOn() {
        return webhookUrl.filter(u -> !u.isBlank()).isPresent();
    }

    public Optional<String> emailRecipients() {
        return emailTo.filter(t -> !t.isBlank());
    }

    public void send(String subject, String text) {
        if (webhookOn()) {
            webhook(subject + "\n" + text);
        }
        emailRecipients().ifPresent(to -> email(to, subject, text));
    }

    private void webhook(String text) {
        String body = Json.createObjectBuilder().add("text", text).build().toString();
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(webhookUrl.get()))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                LOG.warning("The alert webhook answered " + answer.statusCode() + "; the notice was not delivered there");
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "The alert webhook could not be reached; the notice was not delivered there", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void email(String to, String subject, String text) {
        try {
            Session session = session();
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(emailFrom));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            Transport.send(message);
        } catch (MessagingException | NamingException e) {
            LOG.log(Level.WARNING, "The alert email could not be sent; the notice was not delivered by email", e);
        }
    }

    /** The server's mail session when one is named (asadmin create-mail-resource), else one for the SMTP host. */
    private Session session() throws NamingException {
        if (mailSession.filter(n -> !n.isBlank()).isPresent()) {
            return (Session) new InitialContext().lookup(mailSession.get());
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtpHost);
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        return Session.getInstance(properties);
    }
}
