package org.leadsync.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Marketo's bulk jobs, in the features' words (docs/sync-rules.md R10, Bulk creation): many persons written by one
 * import, many read by one extract, at a few calls instead of one per 300. The connector in `marketo/` implements
 * it over the Bulk API (files, jobs, polling, Marketo's job limits); unit tests use the in-memory fake.
 */
public interface MarketoBulkPersons {

    /** Which of a person's times a read selects on: when it was created, or when a field of it last changed. */
    enum Since { CREATED, CHANGED }

    /**
     * Writes `persons` by import jobs, inserting each or updating the person that has its email (Marketo's bulk
     * operation is insert or update, never create-only), and answers once every job has finished. Each person
     * carries its {@link CrmFields#ID}; the rows Marketo refused are answered by that id with Marketo's reason.
     */
    ImportOutcome importPersons(List<Map<String, Object>> persons);

    /** Every person whose `since` time lies in [from, to], with `fields`, handed to `each` (any number, any range). */
    void readPersons(Since since, Instant from, Instant to, Collection<String> fields, Consumer<MarketoPerson> each);

    /** What the import jobs answered: the refused rows' reasons and the warnings, by the record id the row carried. */
    record ImportOutcome(int jobs, int processed, Map<String, String> failedByDynamicsId, Map<String, String> warningsByDynamicsId) {
    }
}
