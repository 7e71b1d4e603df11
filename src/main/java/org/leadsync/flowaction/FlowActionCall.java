package org.leadsync.flowaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.leadsync.port.CrmEntity;

/**
 * An accepted flow-action call (docs/api.md, Flow action: durable accept): recorded before any vendor call,
 * `pending` until its outcome is known, then `done`. One row per action and person; a call for a person
 * whose call is still pending joins it, a later one starts it again.
 */
@Entity
@Table(name = "flow_action_call")
@IdClass(FlowActionCall.Key.class)
public class FlowActionCall {

    public static final String SYNC_PERSON = "sync-person-to-microsoft";
    static final String PENDING = "pending";
    static final String DONE = "done";

    /** The primary key: which flow action, for which person. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String action;
        public long personId;

        public Key() {
        }

        public Key(String action, long personId) {
            this.action = action;
            this.personId = personId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.personId == personId && Objects.equals(k.action, action);
        }

        @Override
        public int hashCode() {
            return Objects.hash(action, personId);
        }
    }

    /** The action (Sync Person to Microsoft), or the call key of another one (ActionRequest#callKey). */
    @Id
    @Column(name = "action", length = 100)
    private String action;

    @Id
    @Column(name = "person_id")
    private long personId;

    @Column(name = "sync_as", length = 16)
    private String syncAs;

    /** Another action's parameters as JSON (ActionRequest#parameters); null for Sync Person to Microsoft. */
    @Column(name = "parameters", length = 4000)
    private String parameters;

    @Column(name = "assign_to", length = 64)
    private String assignTo;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "accepted_at", nullable = false)
    private Instant acceptedAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    @Column(name = "outcome", length = 20)
    private String outcome;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The record the person's CRM fields are yet to name in Marketo (R1), or null when written. */
    @Column(name = "write_back_entity", length = 16)
    private String writeBackEntity;

    @Column(name = "write_back_record", length = 64)
    private String writeBackRecord;

    protected FlowActionCall() {
    }

    FlowActionCall(SyncPersonRequest request, Instant now, Duration foreground) {
        this.action = SYNC_PERSON;
        this.personId = request.leadId();
        restart(request, now, foreground);
    }

    FlowActionCall(ActionRequest request, Instant now, Duration foreground) {
        this.action = request.callKey();
        this.personId = request.leadId();
        this.parameters = request.parameters().toString();
        pending(now, foreground);
    }

    /** Pending again with this call's request; the background waits `foreground` for the caller's own attempt. */
    final void restart(SyncPersonRequest request, Instant now, Duration foreground) {
        syncAs = request.syncAs().logicalName();
        assignTo = request.assignTo();
        pending(now, foreground);
    }

    final void pending(Instant now, Duration foreground) {
        state = PENDING;
        acceptedAt = now;
        nextAttemptAt = now.plus(foreground);
        attempts = 0;
        lastError = null;
        outcome = null;
        finishedAt = null;
    }

    void settle(String outcome, Instant now) {
        this.state = DONE;
        this.outcome = outcome;
        this.finishedAt = now;
        this.lastError = null;
    }

    void retryAt(Instant next, String error) {
        attempts++;
        nextAttemptAt = next;
        lastError = error == null ? null : error.substring(0, Math.min(2000, error.length()));
    }

    void writeBack(CrmEntity entity, String recordId) {
        writeBackEntity = entity.logicalName();
        writeBackRecord = recordId;
    }

    /** Done when it still names the record that was written (a later call may have named another since). */
    void writtenBack(String entity, String recordId) {
        if (java.util.Objects.equals(writeBackEntity, entity) && java.util.Objects.equals(writeBackRecord, recordId)) {
            writeBackEntity = null;
            writeBackRecord = null;
        }
    }

    /** The CRM fields still to be written, or null. */
    public org.leadsync.port.PersonUpdate pendingWriteBack() {
        return writeBackEntity == null ? null : new org.leadsync.port.PersonUpdate(personId,
                org.leadsync.port.CrmFields.linkedTo(CrmEntity.fromLogicalName(writeBackEntity), writeBackRecord));
    }

    String writeBackEntity() {
        return writeBackEntity;
    }

    String writeBackRecord() {
        return writeBackRecord;
    }

    void postpone(Instant next) {
        nextAttemptAt = next;
    }

    public Key key() {
        return new Key(action, personId);
    }

    /** Sync Person to Microsoft's call; the others' are {@link #actionRequest()}. */
    public boolean syncsPerson() {
        return SYNC_PERSON.equals(action);
    }

    /** Another action's request as it was accepted. */
    public ActionRequest actionRequest() {
        MicrosoftAction kind = ActionRequest.actionOf(action).orElseThrow(() -> new IllegalStateException("not another action: " + action));
        return ActionRequest.of(kind, personId, parameters);
    }

    public SyncPersonRequest request() {
        return new SyncPersonRequest(personId, CrmEntity.fromLogicalName(syncAs), assignTo);
    }

    public boolean pending() {
        return PENDING.equals(state);
    }

    public long personId() {
        return personId;
    }

    public int attempts() {
        return attempts;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String outcome() {
        return outcome;
    }
}
