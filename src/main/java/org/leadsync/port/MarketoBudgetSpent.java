package org.leadsync.port;

/**
 * LeadSync's own daily cap of Marketo calls is spent for this call's priority (docs/sync-rules.md R21, Daily
 * cap): handled like Marketo's 607 for that work, while work of a higher priority may still call.
 */
public class MarketoBudgetSpent extends MarketoQuotaExceeded {

    private final CallPriority priority;

    public MarketoBudgetSpent(CallPriority priority, String message) {
        super(message);
        this.priority = priority;
    }

    public CallPriority priority() {
        return priority;
    }
}
