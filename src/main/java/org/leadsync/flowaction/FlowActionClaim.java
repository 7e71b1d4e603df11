package org.leadsync.flowaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** R15: the right to create a person's Dynamics lead, held by one call at a time (the primary key says so). */
@Entity
@Table(name = "flow_action_claim")
public class FlowActionClaim {

    @Id
    @Column(name = "person_id")
    private long personId;

    @Column(name = "holder", nullable = false, length = 200)
    private String holder;

    @Column(name = "claimed_at", nullable = false)
    private Instant claimedAt;

    protected FlowActionClaim() {
    }

    public FlowActionClaim(long personId, String holder, Instant claimedAt) {
        this.personId = personId;
        this.holder = holder;
        this.claimedAt = claimedAt;
    }
}
