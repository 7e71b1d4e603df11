package org.leadsync.port;

import java.util.List;

/**
 * What the features ask of Marketo about sales persons (docs/sync-rules.md R22), beside {@link MarketoPersons}:
 * each owner is created or updated as the sales person whose `externalSalesPersonId` is its id.
 */
public interface MarketoSalesPersons {

    /** Creates or updates one sales person per owner; one outcome per owner, in input order. */
    List<RecordOutcome> syncSalesPersons(List<Owner> owners);
}
