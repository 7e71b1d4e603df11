package org.leadsync.link;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * docs/sync-rules.md R6, R10: a record a page is about to create a Marketo person for, committed before the
 * create. The page that links the person deletes it in its own commit; one that outlives a kill says a person
 * with the record's msftId may exist without a link, so that record is looked up by msftId before anything else.
 */
@Entity
@Table(name = "creation_intent")
public class CreationIntent {

    @Id
    @Column(name = "dynamics_id", length = 36)
    private String dynamicsId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CreationIntent() {
    }

    public CreationIntent(String dynamicsId, Instant createdAt) {
        this.dynamicsId = dynamicsId;
        this.createdAt = createdAt;
    }

    public String dynamicsId() {
        return dynamicsId;
    }
}
