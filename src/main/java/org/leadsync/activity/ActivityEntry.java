package org.leadsync.activity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.leadsync.db.FlagConverter;

/** R20: one thing that happened to a person (or to a record that has no person yet). */
@Entity
@Table(name = "activity_entry")
public class ActivityEntry {

    @Id
    @SequenceGenerator(name = "activity_entry_seq", sequenceName = "activity_entry_ids", allocationSize = 1000)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_entry_seq")
    private Long id;

    @Column(name = "person_id")
    private Long personId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    /** docs/api.md: created-in-marketo, updated-in-dynamics, collision, sync-failed, ... */
    @Column(name = "type", nullable = false, length = 40)
    private String type;

    /** to-dynamics or to-marketo, where it applies. */
    @Column(name = "direction", length = 16)
    private String direction;

    @Column(name = "operation", length = 16)
    private String operation;

    @Column(name = "entity", length = 16)
    private String entity;

    @Column(name = "dynamics_id", length = 36)
    private String dynamicsId;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome;

    /** Comma-separated field names. */
    @Column(name = "fields", length = 4000)
    private String fields;

    @Column(name = "error_code", length = 64)
    private String errorCode;

    @Column(name = "message", length = 4000)
    private String message;

    /** R20: sent to Marketo as a custom activity when an activity type id is configured. */
    @Convert(converter = FlagConverter.class)
    @Column(name = "pushed_to_marketo", nullable = false)
    private boolean pushedToMarketo;

    protected ActivityEntry() {
    }

    public ActivityEntry(Long personId, Instant occurredAt, ActivityType type, ActivityOutcome outcome) {
        this.personId = personId;
        this.occurredAt = occurredAt;
        this.type = type.wire();
        this.outcome = outcome.wire();
    }

    public ActivityEntry direction(ActivityDirection value) {
        this.direction = value.wire();
        return this;
    }

    public ActivityEntry operation(ActivityOperation value) {
        this.operation = value.wire();
        return this;
    }

    public ActivityEntry record(String entityName, String recordId) {
        this.entity = entityName;
        this.dynamicsId = recordId;
        return this;
    }

    public ActivityEntry fields(List<String> names) {
        this.fields = names == null || names.isEmpty() ? null : String.join(",", names);
        return this;
    }

    public ActivityEntry error(String code, String text) {
        this.errorCode = code;
        return message(text);
    }

    public ActivityEntry message(String text) {
        this.message = text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
        return this;
    }

    public void markPushedToMarketo() {
        this.pushedToMarketo = true;
    }

    public Long id() {
        return id;
    }

    public Long personId() {
        return personId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String type() {
        return type;
    }

    public String direction() {
        return direction;
    }

    public String operation() {
        return operation;
    }

    public String entity() {
        return entity;
    }

    public String dynamicsId() {
        return dynamicsId;
    }

    public String outcome() {
        return outcome;
    }

    public List<String> fieldList() {
        return fields == null ? List.of() : Arrays.asList(fields.split(","));
    }

    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }

    public boolean pushedToMarketo() {
        return pushedToMarketo;
    }
}
