package org.leadsync.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * R5/R6: where a change feed was last read (a Dynamics delta link, a Marketo paging token).
 * Moves only in the transaction that records what its changes did.
 */
@Entity
@Table(name = "sync_cursor")
public class SyncCursor {

    public static final String MARKETO = "marketo";
    public static final String DYNAMICS_LEADS = "dynamics.leads";
    public static final String DYNAMICS_CONTACTS = "dynamics.contacts";
    /** docs/sync-rules.md R22: the owners' feeds. */
    public static final String DYNAMICS_SYSTEMUSERS = "dynamics.systemusers";
    public static final String DYNAMICS_TEAMS = "dynamics.teams";

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "position", nullable = false, length = 65535)
    private String position;

    /** The instant the feed was read up to, shown in /api/sync/status. */
    @Column(name = "since")
    private Instant since;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SyncCursor() {
    }

    public SyncCursor(String name, String position, Instant since, Instant now) {
        this.name = name;
        this.position = position;
        this.since = since;
        this.updatedAt = now;
    }

    public String name() {
        return name;
    }

    public String position() {
        return position;
    }

    public Instant since() {
        return since;
    }

    /** The instant this feed had surely been read up to: its `since`, or when it last moved. */
    public Instant readUpTo() {
        return since != null ? since : updatedAt;
    }

    public void advance(String newPosition, Instant newSince, Instant now) {
        this.position = newPosition;
        this.since = newSince;
        this.updatedAt = now;
    }
}
