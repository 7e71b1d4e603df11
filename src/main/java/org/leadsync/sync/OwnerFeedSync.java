package org.leadsync.sync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.leadsync.activity.ActivityDirection;
import org.leadsync.activity.ActivityEntry;
import org.leadsync.activity.ActivityLog;
import org.leadsync.activity.ActivityOperation;
import org.leadsync.activity.ActivityOutcome;
import org.leadsync.activity.ActivityType;
import org.leadsync.port.CallPriority;
import org.leadsync.port.DynamicsDirectory;
import org.leadsync.port.DynamicsNotFound;
import org.leadsync.port.DynamicsValidationFailed;
import org.leadsync.port.MarketoSalesPersons;
import org.leadsync.port.Owner;
import org.leadsync.port.OwnerChanges;
import org.leadsync.port.OwnerKind;
import org.leadsync.port.RecordOutcome;

/**
 * One page of the users or teams feed (docs/sync-rules.md R22) in one transaction with its cursor (R6): every
 * changed owner is created or updated as a Marketo sales person; one activity entry per owner written or refused.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OwnerFeedSync {

    private static final Logger LOG = Logger.getLogger(OwnerFeedSync.class.getName());

    /** The sales-person fields an owner fills (docs/sync-rules.md R22), as the activity entries list them. */
    static final List<String> SALES_PERSON_FIELDS = List.of("externalSalesPersonId", "email", "firstName", "lastName",
            "phone", "title");

    @Inject
    DynamicsDirectory directory;

    @Inject
    MarketoSalesPersons salesPersons;

    @Inject
    SyncCursors cursors;

    @Inject
    ActivityLog activities;

    @Inject
    Clock clock;

    public PageResult syncNextPage(OwnerKind kind) {
        String cursorName = cursorName(kind);
        String position = cursors.position(cursorName).orElse(null);
        boolean fullRead = cursors.find(cursorName).map(c -> c.since() == null).orElse(true);
        OwnerChanges page;
        try {
            page = directory.ownerChanges(kind, position);
        } catch (DynamicsValidationFailed | DynamicsNotFound refused) {
            if (position == null) {
                throw refused;
            }
            // R5: an expired delta link restarts the feed; writing a sales person again is harmless (an upsert)
            LOG.warning("Dynamics refused the " + cursorName + " cursor (" + refused.getMessage() + "); that feed restarts with a full read");
            fullRead = true;
            page = directory.ownerChanges(kind, null);
        }
        OwnerChanges read = page;
        // R21, Daily cap: the first read of every user is bulk work, a page of changes the incremental sync
        return (fullRead ? CallPriority.BULK : CallPriority.INCREMENTAL).during(() -> syncPage(kind, cursorName, read));
    }

    private PageResult syncPage(OwnerKind kind, String cursorName, OwnerChanges page) {
        Instant now = clock.instant();
        int written = 0;
        int failed = 0;
        if (!page.changed().isEmpty()) {
            List<RecordOutcome> outcomes = salesPersons.syncSalesPersons(page.changed());
            for (int i = 0; i < page.changed().size(); i++) {
                Owner owner = page.changed().get(i);
                RecordOutcome outcome = outcomes.get(i);
                ActivityEntry entry;
                if (outcome.skipped()) {
                    failed++;
                    entry = new ActivityEntry(null, now, ActivityType.SYNC_FAILED, ActivityOutcome.FAILED)
                            .operation(ActivityOperation.UPDATE).error(outcome.code(), outcome.message());
                } else {
                    written++;
                    boolean created = outcome.status() == RecordOutcome.Status.CREATED;
                    entry = new ActivityEntry(null, now, created ? ActivityType.CREATED_IN_MARKETO : ActivityType.UPDATED_IN_MARKETO,
                            ActivityOutcome.SUCCESS).operation(created ? ActivityOperation.CREATE : ActivityOperation.UPDATE)
                            .message("The " + kind.logicalName() + " is Marketo sales person " + outcome.personId() + " (R22)");
                }
                activities.record(entry.record(kind.logicalName(), owner.id()).direction(ActivityDirection.TO_MARKETO)
                        .fields(SALES_PERSON_FIELDS));
            }
        }
        cursors.advance(cursorName, page.cursor(), page.last() ? now : null, now);
        return new PageResult(new CycleCounts(0, page.changed().size() + page.deletedIds().size(), written, 0, 0, failed),
                page.last());
    }

    static String cursorName(OwnerKind kind) {
        return kind == OwnerKind.SYSTEMUSER ? SyncCursor.DYNAMICS_SYSTEMUSERS : SyncCursor.DYNAMICS_TEAMS;
    }
}
