package org.leadsync.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The rules, their thresholds and open incidents, and the channels (docs/api.md, GET /api/alerts). */
@Stateless
public class AlertList {

    @Inject
    AlertWatch watch;

    @Inject
    AlertStates states;

    @Inject
    AlertDelivery delivery;

    public Alerts list() {
        AlertFacts.Thresholds t = watch.thresholds();
        Map<String, AlertState> open = states.all().stream().filter(s -> s.firingSince() != null)
                .collect(Collectors.toMap(AlertState::rule, Function.identity()));
        List<Rule> rules = new ArrayList<>();
        for (AlertRule rule : AlertRule.values()) {
            String threshold = switch (rule) {
                case ERRORS_LAST_HOUR -> t.errorsPerHour() >= 0 ? "more than " + t.errorsPerHour() + " failures in an hour" : "off";
                case NO_FINISHED_CYCLE -> t.noCycleFor().isZero() ? "off" : "no cycle finished for " + t.noCycleFor();
                case QUOTA_ABOVE -> t.quotaPercent() > 0 ? "a quota more than " + t.quotaPercent() + " % used" : "off";
                case DAILY_QUOTA_STOP -> "a cycle stopped by Marketo's daily quota";
                case LEASE_LOST -> "a cycle lost its lease";
                case FIELD_QUARANTINED -> "a field quarantined";
            };
            if (rule == AlertRule.FIELD_QUARANTINED) {
                List<AlertState> fields = open.values().stream()
                        .filter(s -> s.rule().startsWith(AlertWatch.FIELD_PREFIX)).toList();
                rules.add(new Rule(rule.key, rule.title, threshold, !fields.isEmpty(),
                        fields.stream().map(AlertState::firingSince).min(Instant::compareTo).orElse(null),
                        fields.isEmpty() ? null : fields.stream().map(AlertState::detail).collect(Collectors.joining(" "))));
            } else {
                AlertState state = open.get(rule.key);
                rules.add(new Rule(rule.key, rule.title, threshold, state != null,
                        state == null ? null : state.firingSince(), state == null ? null : state.detail()));
            }
        }
        return new Alerts(rules, delivery.webhookOn(), delivery.emailRecipients().orElse(null));
    }

    /** The body of GET /api/alerts. */
    public record Alerts(List<Rule> rules, boolean webhook, String email) {
    }

    public record Rule(String rule, String description, String threshold, boolean firing, Instant since, String detail) {
    }
}
