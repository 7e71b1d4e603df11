package org.leadsync.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the features ask of Marketo, in their words (docs/architecture.md, ports). The connector in
 * `marketo/` implements it over the REST API; unit tests use an in-memory fake. Batching, paging,
 * pacing, tokens and retries are the implementation's business.
 */
public interface MarketoPersons {

    /** A change-feed position at `since` (docs/sync-rules.md R5). */
    String startCursor(Instant since);

    /** The next page of changes to `fields`, and of deletions, after `cursor`. */
    PersonChanges readChanges(String cursor, Collection<String> fields);

    List<MarketoPerson> findByIds(Collection<Long> ids, Collection<String> fields);

    /** Persons by email, compared as Marketo does (case-insensitively). */
    List<MarketoPerson> findByEmails(Collection<String> emails, Collection<String> fields);

    /** Persons whose {@link CrmFields#ID} holds one of `dynamicsIds` (a person LeadSync created, R10). */
    List<MarketoPerson> findByDynamicsIds(Collection<String> dynamicsIds, Collection<String> fields);

    /**
     * Creates persons, never a second one with the same email (compared as Marketo does), nor, for a person
     * without email, with the same {@link CrmFields#ID}: such a person is skipped with 1005 (1007 when several
     * match), so the caller looks up only those; one outcome per person, in input order.
     */
    List<RecordOutcome> createPersons(List<java.util.Map<String, Object>> persons);

    /** Updates existing persons' fields; one outcome per update, in input order. */
    List<RecordOutcome> updatePersons(List<PersonUpdate> updates);

    /** Every person field Marketo has, for field setup. */
    List<MarketoFieldInfo> describe();

    /** The custom activity type configured for pushing the activity log (docs/sync-rules.md R20), if any. */
    OptionalInt configuredActivityType();

    /** Adds custom activities; one outcome per activity, in input order. */
    List<RecordOutcome> pushActivities(List<CustomActivity> activities);
}
