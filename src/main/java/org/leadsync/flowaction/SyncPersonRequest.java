package org.leadsync.flowaction;

import org.leadsync.port.CrmEntity;

/** One "Sync Person to Microsoft" call (docs/sync-rules.md R15): the person, what to create, its owner (or null). */
public record SyncPersonRequest(long leadId, CrmEntity syncAs, String assignTo) {
}
