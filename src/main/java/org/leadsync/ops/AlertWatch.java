package org.leadsync.ops;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.fields.FieldQuarantineChange;
import org.leadsync.sync.CycleHistory;
import org.leadsync.sync.CycleLease;
import org.leadsync.sync.CycleRun;

/**
 * Checks the alert rules every `leadsync.alerts.check-interval` on every instance and announces each change of a
 * rule's state once (docs/api.md, Alerts): the incident when a rule starts firing, a recovery notice when it stops.
 * A non-persistent timer that schedules its next run itself (docs/architecture.md, server traps 3 and 4).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class AlertWatch {

    private static final Logger LOG = Logger.getLogger(AlertWatch.class.getName());
    static final String FIELD_PREFIX = AlertRule.FIELD_QUARANTINED.key + ":";

    @Resource
    TimerService timerService;

    @PersistenceContext
    EntityManager em;

    @Inject
    AlertStates states;

    @Inject
    AlertDelivery delivery;

    @Inject
    CycleHistory history;

    @Inject
    CycleLease lease;

    @Inject
    QuotaUse quotas;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.check-interval", defaultValue = "PT1M")
    Duration interval;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.errors-per-hour", defaultValue = "100")
    long errorsPerHour;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.no-cycle-for", defaultValue = "PT30M")
    Duration noCycleFor;

    @Inject
    @ConfigProperty(name = "leadsync.alerts.quota-percent", defaultValue = "80")
    double quotaPercent;

    @Inject
    @ConfigProperty(name = "leadsync.sandbox-only", defaultValue = "false")
    boolean sandboxOnly;

    private volatile boolean stopping;

    @PostConstruct
    void start() {
        if (!sandboxOnly) {
            scheduleIn(interval);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    public AlertFacts.Thresholds thresholds() {
        return new AlertFacts.Thresholds(errorsPerHour, noCycleFor, quotaPercent);
    }

    /** Never lets an exception escape (docs/architecture.md, server trap 4). */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void check() {
        try {
            Instant now = clock.instant();
            Map<AlertRule, String> firing = facts(now).firing(thresholds());
            for (AlertRule rule : AlertRule.values()) {
                if (rule == AlertRule.FIELD_QUARANTINED) {
                    continue; // opened and closed by the quarantine's events
                }
                String detail = firing.get(rule);
                if (detail != null && states.open(rule.key, detail, now)) {
                    delivery.send("LeadSync alert: " + rule.title, detail);
                } else if (detail == null && states.close(rule.key, now)) {
                    delivery.send("LeadSync recovered: " + rule.title, "This no longer holds; the alert is over.");
                }
            }
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "Alert check failed; the next one runs as planned", t);
        } finally {
            scheduleIn(interval);
        }
    }

    /** The hook for a field quarantine (fields.FieldQuarantine fires it after its commit): one incident per field. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onQuarantine(@Observes(during = TransactionPhase.AFTER_SUCCESS) FieldQuarantineChange event) {
        Instant now = clock.instant();
        String rule = FIELD_PREFIX + event.marketoField();
        if (event.quarantined()) {
            String detail = "The field " + event.marketoField() + " no longer syncs: " + event.reason();
            if (states.open(rule, detail, now)) {
                delivery.send("LeadSync alert: " + AlertRule.FIELD_QUARANTINED.title, detail);
            }
        } else if (states.close(rule, now)) {
            delivery.send("LeadSync recovered: the field " + event.marketoField() + " syncs again",
                    "The field " + event.marketoField() + " was let back into the sync.");
        }
    }

    AlertFacts facts(Instant now) {
        long errors = em.createQuery("SELECT COUNT(a) FROM ActivityEntry a WHERE a.outcome = 'failed' AND a.occurredAt >= :since",
                Long.class).setParameter("since", now.minus(Duration.ofHours(1))).getSingleResult();
        CycleRun last = history.latestFinished().orElse(null);
        Instant firstStart = last != null ? null : history.newestFirst(null, 1).stream().findFirst()
                .map(CycleRun::startedAt).orElse(null);
        QuotaUse.Quotas use = quotas.quotas();
        return new AlertFacts(now, errors, last == null ? null : last.finishedAt(), firstStart,
                last == null ? null : last.outcome(), use.marketo().daily().percent(),
                use.marketo().window20s().percent(), use.dynamics().window5min().percent(), lease.current().paused());
    }

    private void scheduleIn(Duration delay) {
        if (!stopping) {
            timerService.createSingleActionTimer(Math.max(1, delay.toMillis()), new TimerConfig("leadsync-alerts", false));
        }
    }
}
