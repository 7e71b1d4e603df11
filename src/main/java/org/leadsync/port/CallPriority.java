package org.leadsync.port;

import java.util.function.Supplier;

/**
 * Whom a vendor call serves. Where a vendor's budget is short the connectors serve calls in this order
 * (docs/sync-rules.md R21): a person waiting on a flow action, then the incremental sync, then bulk work
 * (initial sync, backfill). The priority travels with the thread that makes the calls, so the ports'
 * methods stay as they are.
 */
public enum CallPriority {
    FLOW_ACTION, INCREMENTAL, BULK;

    private static final ThreadLocal<CallPriority> CURRENT = new ThreadLocal<>();

    /** The priority of the vendor calls this thread makes now: INCREMENTAL unless a caller chose one. */
    public static CallPriority current() {
        CallPriority chosen = CURRENT.get();
        return chosen == null ? INCREMENTAL : chosen;
    }

    /** Runs {@code work} with this priority for every vendor call it makes on this thread, then restores the last. */
    public <T> T during(Supplier<T> work) {
        CallPriority before = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    public void during(Runnable work) {
        during(() -> {
            work.run();
            return null;
        });
    }
}
