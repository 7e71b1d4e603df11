package org.leadsync.ops;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One rule's (or one quarantined field's) incident, if one is open (V21). */
@Entity
@Table(name = "alert_state")
public class AlertState {

    @Id
    @Column(name = "rule", length = 200)
    private String rule;

    @Column(name = "firing_since")
    private Instant firingSince;

    @Column(name = "detail", length = 2000)
    private String detail;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected AlertState() {
    }

    public AlertState(String rule, Instant now) {
        this.rule = rule;
        this.changedAt = now;
    }

    public String rule() {
        return rule;
    }

    public Instant firingSince() {
        return firingSince;
    }

    public String detail() {
        return detail;
    }
}
