package org.leadsync.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the features ask of Dynamics 365, in their words (docs/architecture.md, ports). The connector in
 * `dynamics/` implements it over the Web API; unit tests use an in-memory fake. Values go in as the
 * sync's normalised strings (docs/sync-rules.md R7); the implementation types them from the metadata and
 * checks them before sending (R17).
 */
public interface DynamicsRecords {

    /**
     * One page of the change feed of `entity` (R5): a null cursor starts change tracking with every row.
     * A cursor Dynamics no longer knows fails with {@link DynamicsValidationFailed} or {@link DynamicsNotFound}.
     */
    RecordChanges changes(CrmEntity entity, Collection<String> attributes, String cursor);

    List<DynamicsRecord> byIds(CrmEntity entity, Collection<String> ids, Collection<String> attributes);

    List<DynamicsRecord> byEmails(CrmEntity entity, Collection<String> emails, Collection<String> attributes);

    /** The open (not qualified or disqualified) record of `entity` with `email`, if any (R15). */
    Optional<DynamicsRecord> openByEmail(CrmEntity entity, String email);

    /** Creates one record after checking it (R17); answers its id. */
    String create(CrmEntity entity, Map<String, String> values);

    /** QualifyLead into a contact only; answers the contact's id (R15 syncAs=contact). */
    String qualify(String leadId);

    /** Many creates and updates; one refused record does not stop the others (R17). Outcomes in input order. */
    List<WriteOutcome> write(List<DynamicsWrite> writes);

    /** The attribute catalogue of `entity`, cached. */
    List<DynamicsAttribute> attributes(CrmEntity entity);

    /** One attribute's metadata, or null where the table has no such attribute. */
    DynamicsAttribute attribute(CrmEntity entity, String logicalName);

    /** Reads the metadata afresh on next use (a customer added a column). */
    void forgetAttributes();
}
