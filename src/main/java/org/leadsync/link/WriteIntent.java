package org.leadsync.link;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * docs/sync-rules.md R6: a value a cycle is about to write to one side of a pair (`target` is `marketo` or
 * `dynamics`), committed before the write. The page that records the write deletes it in its own commit;
 * one that outlives a kill says which value on the target side was LeadSync's own.
 */
@Entity
@Table(name = "write_intent")
public class WriteIntent {

    @Id
    @SequenceGenerator(name = "write_intent_seq", sequenceName = "write_intent_ids", allocationSize = 1000)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "write_intent_seq")
    private Long id;

    @Column(name = "person_id", nullable = false)
    private long personId;

    @Column(name = "field", nullable = false, length = 100)
    private String field;

    @Column(name = "target", nullable = false, length = 16)
    private String target;

    /** The normalised value to be written; null is "empty". */
    @Column(name = "intended", length = 65535)
    private String intended;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WriteIntent() {
    }

    public WriteIntent(long personId, String marketoField, String target, String intended, Instant createdAt) {
        this.personId = personId;
        this.field = marketoField;
        this.target = target;
        this.intended = intended;
        this.createdAt = createdAt;
    }

    public long personId() {
        return personId;
    }

    /** The Marketo field name of the mapped field. */
    public String field() {
        return field;
    }

    public String target() {
        return target;
    }

    public String intended() {
        return intended;
    }
}
