package org.leadsync.port;

import java.util.Optional;

/**
 * What the other flow actions ask of Dynamics 365 (docs/api.md, Other flow actions), in their words: owners,
 * tasks and marketing lists. The connector in `dynamics/` implements it over the Web API; unit tests use an
 * in-memory fake. A refusal is {@link DynamicsValidationFailed}, a row that is not there {@link DynamicsNotFound},
 * a vendor that cannot be reached another {@link DynamicsException}.
 */
public interface DynamicsActivities {

    /** The systemuser or team with this id or email (case-insensitive), users first; empty when there is none. */
    Optional<DynamicsOwner> owner(String idOrEmail);

    /** The record's owner becomes `owner` (Dataverse's Assign). */
    void assign(CrmEntity entity, String recordId, DynamicsOwner owner);

    /**
     * Creates the task under its own key `task.taskId()`, so an attempt repeated after a crash cannot make a
     * second one: false when a task with that key exists already.
     */
    boolean createTask(DynamicsTask task);

    /** The marketing list with this id or name (case-insensitive); empty when there is none. */
    Optional<MarketingList> list(String idOrName);

    /** AddMemberList: the record is a member afterwards (it may have been one already). */
    void addToList(String listId, String recordId);

    /** RemoveMemberList: the record is no member afterwards (it may have been none). */
    void removeFromList(String listId, String recordId);
}
