package org.leadsync.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.UUID;

/**
 * This instance's side of the cycle lease (docs/sync-rules.md R4): its holder id (new at every start),
 * the epoch of the lease while it holds it, and whether the heartbeat lost it or the server is stopping.
 * Every commit of a cycle is fenced with the holder id and the epoch ({@link CycleLease#fence}).
 */
@ApplicationScoped
public class LeaseHolding {

    private final String instanceId = hostName() + "/" + UUID.randomUUID();
    private volatile long epoch;
    private volatile boolean lost;
    private volatile boolean stopping;

    public String instanceId() {
        return instanceId;
    }

    /** The epoch held now, or 0 while this instance holds no lease. */
    public long epoch() {
        return epoch;
    }

    void hold(long newEpoch) {
        lost = false;
        epoch = newEpoch;
    }

    void release() {
        epoch = 0;
    }

    void lose() {
        lost = true;
    }

    public boolean lost() {
        return lost;
    }

    void stop() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
