package org.leadsync.fields;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** docs/sync-rules.md R23: one mapped field set aside for one entity because Dynamics no longer has its attribute. */
@Entity
@Table(name = "field_quarantine")
@NamedQuery(name = QuarantinedField.ALL, query = "SELECT q FROM QuarantinedField q ORDER BY q.since, q.key")
public class QuarantinedField {

    public static final String ALL = "QuarantinedField.all";

    @Id
    @Column(name = "field_key", length = 200)
    private String key;

    @Column(name = "entity", nullable = false, length = 16)
    private String entity;

    @Column(name = "attribute", nullable = false, length = 100)
    private String attribute;

    @Column(name = "marketo_field", nullable = false, length = 100)
    private String marketoField;

    @Column(name = "since", nullable = false)
    private Instant since;

    @Column(name = "reason", length = 1000)
    private String reason;

    protected QuarantinedField() {
    }

    public QuarantinedField(String entity, String attribute, String marketoField, Instant since, String reason) {
        this.key = key(entity, attribute);
        this.entity = entity;
        this.attribute = attribute;
        this.marketoField = marketoField;
        this.since = since;
        this.reason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }

    static String key(String entity, String attribute) {
        return entity + "." + attribute;
    }

    public String entity() {
        return entity;
    }

    public String attribute() {
        return attribute;
    }

    public String marketoField() {
        return marketoField;
    }

    public Instant since() {
        return since;
    }

    public String reason() {
        return reason;
    }
}
