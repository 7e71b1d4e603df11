package org.leadsync.link;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** R7: the value of one mapped field that both sides held after the last sync of a link. */
@Entity
@Table(name = "field_snapshot")
public class FieldSnapshot {

    @Id
    @SequenceGenerator(name = "field_snapshot_seq", sequenceName = "field_snapshot_ids", allocationSize = 1000)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "field_snapshot_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "link_id", nullable = false)
    private RecordLink link;

    @Column(name = "marketo_field", nullable = false, length = 100)
    private String marketoField;

    /** The normalised value; null is "empty" (R7 treats null and "" alike). */
    @Column(name = "synced_value", length = 65535)
    private String value;

    protected FieldSnapshot() {
    }

    FieldSnapshot(RecordLink link, String marketoField, String value) {
        this.link = link;
        this.marketoField = marketoField;
        this.value = value;
    }

    public String marketoField() {
        return marketoField;
    }

    public String value() {
        return value;
    }

    void update(String newValue) {
        this.value = newValue;
    }
}
