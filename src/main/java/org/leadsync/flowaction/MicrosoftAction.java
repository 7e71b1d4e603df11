package org.leadsync.flowaction;

import java.util.Arrays;
import java.util.Optional;
import org.leadsync.activity.ActivityType;

/**
 * The flow actions beside Sync Person to Microsoft (docs/api.md, Other flow actions): the path segment of
 * each endpoint, which is also the action a call is recorded under and the type of its activity entries.
 */
public enum MicrosoftAction {
    CHANGE_OWNER("change-owner-in-microsoft", ActivityType.CHANGE_OWNER_IN_MICROSOFT),
    CREATE_TASK("create-task-in-microsoft", ActivityType.CREATE_TASK_IN_MICROSOFT),
    ADD_TO_CAMPAIGN("add-to-microsoft-campaign", ActivityType.ADD_TO_MICROSOFT_CAMPAIGN),
    REMOVE_FROM_CAMPAIGN("remove-from-microsoft-campaign", ActivityType.REMOVE_FROM_MICROSOFT_CAMPAIGN);

    private final String path;
    private final ActivityType activity;

    MicrosoftAction(String path, ActivityType activity) {
        this.path = path;
        this.activity = activity;
    }

    /** `change-owner-in-microsoft`: the endpoint below /api/flow-actions/. */
    public String path() {
        return path;
    }

    ActivityType activity() {
        return activity;
    }

    public static Optional<MicrosoftAction> byPath(String path) {
        return Arrays.stream(values()).filter(a -> a.path.equals(path)).findFirst();
    }
}
