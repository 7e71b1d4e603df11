package org.leadsync.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.leadsync.db.FlagConverter;

/**
 * R4: the database row that decides which instance runs the cycle. Payara Micro does not
 * coordinate timers across a cluster (docs/architecture.md, server trap 2), so the timer only asks; the lease answers.
 */
@Entity
@Table(name = "sync_lease")
public class SyncLease {

    public static final String CYCLE = "sync-cycle";

    @Id
    @Column(name = "name", length = 32)
    private String name;

    @Column(name = "holder", length = 200)
    private String holder;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** Pause lives in the database so every instance sees it. */
    @Convert(converter = FlagConverter.class)
    @Column(name = "paused", nullable = false)
    private boolean paused;

    /** Counts acquisitions: a cycle's commits are fenced with the epoch it started with (R4). */
    @Column(name = "epoch", nullable = false)
    private long epoch;

    @Version
    private long version;

    protected SyncLease() {
    }

    public String holder() {
        return holder;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public long epoch() {
        return epoch;
    }

    public boolean paused() {
        return paused;
    }

    public boolean heldAt(Instant now) {
        return holder != null && expiresAt != null && expiresAt.isAfter(now);
    }

    void pause(boolean value) {
        this.paused = value;
    }
}
