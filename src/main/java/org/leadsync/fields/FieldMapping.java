package org.leadsync.fields;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.leadsync.db.FlagConverter;
import org.leadsync.port.CrmEntity;

/** R2: one Marketo field and the lead and/or contact attribute it syncs with. */
@Entity
@Table(name = "field_mapping")
@NamedQuery(name = FieldMapping.ALL, query = "SELECT m FROM FieldMapping m ORDER BY m.position")
public class FieldMapping {

    public static final String ALL = "FieldMapping.all";

    @Id
    @SequenceGenerator(name = "field_mapping_seq", sequenceName = "field_mapping_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "field_mapping_seq")
    private Long id;

    @Column(name = "marketo_field", nullable = false, length = 100)
    private String marketoField;

    @Column(name = "lead_field", length = 100)
    private String leadField;

    @Column(name = "contact_field", length = 100)
    private String contactField;

    @Column(name = "position", nullable = false)
    private int position;

    /** A field newly added to the set waits to be filled from Dynamics for existing links (docs/api.md). */
    @Convert(converter = FlagConverter.class)
    @Column(name = "backfill_pending", nullable = false)
    private boolean backfillPending;

    protected FieldMapping() {
    }

    public FieldMapping(String marketoField, String leadField, String contactField, int position, boolean backfillPending) {
        this.marketoField = marketoField;
        this.leadField = leadField;
        this.contactField = contactField;
        this.position = position;
        this.backfillPending = backfillPending;
    }

    public String marketoField() {
        return marketoField;
    }

    public String leadField() {
        return leadField;
    }

    public String contactField() {
        return contactField;
    }

    public int position() {
        return position;
    }

    public boolean backfillPending() {
        return backfillPending;
    }

    public void markForFill() {
        this.backfillPending = true;
    }

    public void backfillDone() {
        this.backfillPending = false;
    }

    /** The Dynamics attribute this field maps to on the given entity, or null when it does not sync there. */
    public String attributeFor(CrmEntity entity) {
        return entity == CrmEntity.LEAD ? leadField : contactField;
    }
}
