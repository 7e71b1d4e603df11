package org.leadsync.link;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MapKey;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsId;

/**
 * R1: one Marketo person bound to one Dynamics lead or contact, with the per-field snapshot
 * of the values both sides agreed on at the last sync.
 */
@Entity
@Table(name = "record_link")
@NamedQuery(name = RecordLink.BY_PERSON, query = "SELECT l FROM RecordLink l WHERE l.personId = :personId")
@NamedQuery(name = RecordLink.BY_DYNAMICS_ID, query = "SELECT l FROM RecordLink l WHERE l.dynamicsId = :dynamicsId")
@NamedQuery(name = RecordLink.COUNT_BY_STATE, query = "SELECT l.state, COUNT(l) FROM RecordLink l GROUP BY l.state")
public class RecordLink {

    public static final String BY_PERSON = "RecordLink.byPerson";
    public static final String BY_DYNAMICS_ID = "RecordLink.byDynamicsId";
    public static final String COUNT_BY_STATE = "RecordLink.countByState";

    @Id
    @SequenceGenerator(name = "record_link_seq", sequenceName = "record_link_ids", allocationSize = 1000)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "record_link_seq")
    private Long id;

    @Column(name = "person_id", nullable = false)
    private long personId;

    /** Dynamics GUIDs are case-insensitive; kept in lower case so lookups and R1's constraint agree. */
    @Column(name = "dynamics_id", nullable = false, length = 36)
    private String dynamicsId;

    @Column(name = "entity", nullable = false)
    private CrmEntity entity;

    @Column(name = "state", nullable = false)
    private LinkState state;

    /** R16: the lead this contact was qualified from, so that lead is never synced again. */
    @Column(name = "converted_from_lead_id", length = 36)
    private String convertedFromLeadId;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "link", cascade = CascadeType.ALL, orphanRemoval = true)
    @MapKey(name = "marketoField")
    private Map<String, FieldSnapshot> snapshots = new HashMap<>();

    protected RecordLink() {
    }

    public RecordLink(long personId, CrmEntity entity, String dynamicsId, Instant now) {
        this.personId = personId;
        this.entity = entity;
        this.dynamicsId = DynamicsId.of(dynamicsId);
        this.state = LinkState.ACTIVE;
        this.linkedAt = now;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public long personId() {
        return personId;
    }

    public String dynamicsId() {
        return dynamicsId;
    }

    public CrmEntity entity() {
        return entity;
    }

    public LinkState state() {
        return state;
    }

    public String convertedFromLeadId() {
        return convertedFromLeadId;
    }

    public Instant linkedAt() {
        return linkedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void changeState(LinkState newState, Instant now) {
        this.state = newState;
        this.updatedAt = now;
    }

    /** R16: the person now follows the contact its lead was qualified into. */
    public void convertToContact(String contactId, Instant now) {
        this.convertedFromLeadId = this.dynamicsId;
        this.dynamicsId = DynamicsId.of(contactId);
        this.entity = CrmEntity.CONTACT;
        this.updatedAt = now;
    }

    /**
     * R14: the flow action gave a person whose record was deleted a new record. The caller rewrites the
     * snapshot field by field (clearing and re-adding rows would collide on their unique key).
     */
    public void relinkTo(CrmEntity newEntity, String newDynamicsId, Instant now) {
        this.entity = newEntity;
        this.dynamicsId = DynamicsId.of(newDynamicsId);
        this.state = LinkState.ACTIVE;
        this.convertedFromLeadId = null;
        this.updatedAt = now;
    }

    /** The snapshot values by Marketo field name; absent means "never agreed" (R9). */
    public Map<String, String> snapshotValues() {
        Map<String, String> values = new HashMap<>();
        snapshots.forEach((field, snapshot) -> values.put(field, snapshot.value()));
        return Collections.unmodifiableMap(values);
    }

    /** Keeps the agreed value of a field; an unchanged value leaves the row untouched (no needless UPDATE). */
    public void recordSnapshot(String marketoField, String value, Instant now) {
        FieldSnapshot snapshot = snapshots.get(marketoField);
        if (snapshot == null) {
            snapshots.put(marketoField, new FieldSnapshot(this, marketoField, value));
        } else if (!java.util.Objects.equals(snapshot.value(), value)) {
            snapshot.update(value);
        } else {
            return;
        }
        this.updatedAt = now;
    }

    public void forgetSnapshot(String marketoField) {
        snapshots.remove(marketoField);
    }
}
