package org.leadsync.sandbox.admin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.sandbox.SeedRequest;
import org.leadsync.sandbox.dynamics.BusinessRule;
import org.leadsync.sandbox.dynamics.DynamicsStore;
import org.leadsync.sandbox.marketo.MarketoSandbox;

/**
 * A first run that shows sync happening (docs/sandbox.md, Demo data): when the app's own vendor settings point
 * at this sandbox, the sandbox starts with demo data (Dynamics leads and contacts, Marketo persons sharing some
 * of their emails, a business rule that refuses some values) and, with the demo activity on, edits a few records
 * on each side on a timer: plain edits both ways, one collision and one value the business rule refuses.
 * The sandbox reads the app's settings by name only; it imports nothing of it.
 */
@Startup
@Singleton
public class SandboxDemo {

    private static final Logger LOG = Logger.getLogger(SandboxDemo.class.getName());

    /** 200 leads, 40 contacts, 120 persons of which 30 share a lead's email (linked by email, R10). */
    static final SeedRequest DEMO = new SeedRequest(200, 40, 120, 0.25, 7L);

    /** The business rule: a lead's job title may not start with "Intern". */
    static final BusinessRule NO_INTERNS = new BusinessRule("lead", "jobtitle", "regex:^(?!Intern).*$");

    @Inject
    MarketoSandbox marketo;

    @Inject
    DynamicsStore dynamics;

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.demo-data", defaultValue = "true")
    boolean demoData;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.demo-activity", defaultValue = "false")
    boolean demoActivity;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.demo-interval", defaultValue = "PT30S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox.enabled", defaultValue = "true")
    boolean sandboxEnabled;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox-only", defaultValue = "false")
    boolean sandboxOnly;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.base-url")
    Optional<String> marketoBaseUrl;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.base-url")
    Optional<String> dynamicsBaseUrl;

    private int round;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        if (!onForThisApp(demoData)) {
            return;
        }
        marketo.seed(DEMO);
        dynamics.seed(DEMO);
        dynamics.addRule(NO_INTERNS);
        LOG.info(() -> "Sandbox demo data: " + DEMO.leads() + " Dynamics leads, " + DEMO.contacts() + " contacts, "
                + DEMO.persons() + " Marketo persons; lead job titles starting with 'Intern' are refused"
                + (demoActivity ? "; a few records are edited every " + interval : ""));
        if (demoActivity) {
            schedule();
        }
    }

    /** Demo only when the app syncs with this sandbox: enabled, not a vendors-only process, no vendor URL set. */
    boolean onForThisApp(boolean wanted) {
        return wanted && sandboxEnabled && !sandboxOnly && marketoBaseUrl.isEmpty() && dynamicsBaseUrl.isEmpty();
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Timeout
    void editSome() {
        try {
            Round done = edit(++round);
            LOG.fine(() -> "Sandbox demo round " + round + ": " + done);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sandbox demo activity skipped a round", e);
        } finally {
            schedule();
        }
    }

    /** What one round changed: edits each side accepted. */
    record Round(int marketoEdits, int dynamicsEdits) {
    }

    /**
     * One round on persons a sync has linked: two edited in Marketo, two records edited in Dynamics, one lead
     * pair edited on both sides (a collision, R8) and one lead given a title the business rule will refuse when
     * LeadSync copies it to Dynamics (R17).
     */
    Round edit(int n) {
        List<Map<String, Object>> linked = new ArrayList<>(marketo.linkedPersons());
        if (linked.size() < 6) {
            return new Round(0, 0); // nothing synced yet
        }
        java.util.Collections.shuffle(linked, new Random(n));
        List<Map<String, Object>> leads = linked.stream().filter(p -> "Lead".equals(p.get("msftType"))).toList();
        int m = 0;
        int d = 0;
        for (Map<String, Object> p : linked.subList(0, 2)) {
            m += marketo.edit(id(p), Map.of("title", "Marketo title " + n)) ? 1 : 0;
        }
        for (Map<String, Object> p : linked.subList(2, 4)) {
            d += dynamics.edit(entity(p), (String) p.get("msftId"), Map.of("jobtitle", "Dynamics title " + n)) ? 1 : 0;
        }
        if (leads.size() >= 2) {
            Map<String, Object> both = leads.get(leads.size() - 1);
            m += marketo.edit(id(both), Map.of("phone", "555-0" + n + "-1")) ? 1 : 0;
            d += dynamics.edit("lead", (String) both.get("msftId"), Map.of("telephone1", "555-0" + n + "-2")) ? 1 : 0;
            m += marketo.edit(id(leads.get(leads.size() - 2)), Map.of("title", "Intern " + n)) ? 1 : 0;
        }
        return new Round(m, d);
    }

    private static long id(Map<String, Object> person) {
        return ((Number) person.get("id")).longValue();
    }

    private static String entity(Map<String, Object> person) {
        return "Contact".equals(person.get("msftType")) ? "contact" : "lead";
    }

    private void schedule() {
        if (!stopping) {
            timerService.createSingleActionTimer(Math.max(1, interval.toMillis()), new TimerConfig("leadsync-sandbox-demo", false));
        }
    }
}
