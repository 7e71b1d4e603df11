package org.leadsync.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.connector.ApiCallMeter;
import org.leadsync.connector.DailyCallCap;

/**
 * Calls against the limits they count towards (docs/api.md, Quotas): Marketo's day and its 20-second window, and
 * Dataverse's 5-minute window. The window limits are the pacers' settings (sync-rules.md R21), read here with the
 * same keys and defaults as the connectors that pace by them.
 */
@ApplicationScoped
public class QuotaUse {

    @Inject
    ApiCallMeter meter;

    @Inject
    DailyCallCap cap;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.calls-per-20s", defaultValue = "80")
    int marketoPer20s;

    /** The subscription's daily quota (Marketo's default allocation is 50,000 calls a day). */
    @Inject
    @ConfigProperty(name = "leadsync.marketo.daily-quota", defaultValue = "50000")
    long marketoDailyQuota;

    @Inject
    @ConfigProperty(name = "leadsync.dynamics.requests-per-5min", defaultValue = "5000")
    int dynamicsPer5Min;

    public Quotas quotas() {
        DailyCallCap.Spending spending = cap.spending();
        boolean capped = spending.cap() > 0;
        Use daily = Use.of(capped ? spending.used() : meter.today(ApiCallMeter.MARKETO),
                capped ? spending.cap() : marketoDailyQuota,
                capped ? "leadsync.marketo.daily-cap" : "leadsync.marketo.daily-quota");
        return new Quotas(new Marketo(new Daily(daily.used(), daily.limit(), daily.percent(), daily.limitFrom(),
                spending.resetsAt()),
                Use.of(meter.within(ApiCallMeter.MARKETO, Duration.ofSeconds(20)), marketoPer20s,
                        "leadsync.marketo.calls-per-20s")),
                new Dynamics(Use.of(meter.within(ApiCallMeter.DYNAMICS, Duration.ofMinutes(5)), dynamicsPer5Min,
                        "leadsync.dynamics.requests-per-5min")));
    }

    /** The body of GET /api/sync/quotas. */
    public record Quotas(Marketo marketo, Dynamics dynamics) {
    }

    public record Marketo(Daily daily, Use window20s) {
    }

    public record Dynamics(Use window5min) {
    }

    public record Daily(long used, long limit, double percent, String limitFrom, Instant resetsAt) {
    }

    /** `percent` of `limit` used, one decimal; `limitFrom` is the setting the limit comes from. */
    public record Use(long used, long limit, double percent, String limitFrom) {
        static Use of(long used, long limit, String from) {
            double percent = limit <= 0 ? 0 : Math.round(used * 1000.0 / limit) / 10.0;
            return new Use(used, limit, percent, from);
        }
    }
}
