package org.leadsync.flowaction;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Create Task in Microsoft (docs/api.md): a task regarding the person's record, due `dueInDays` after the call
 * was accepted; `priority` 0 low, 1 normal, 2 high; `owner` (user or team by id or email) and `comments` may
 * be null.
 */
public record CreateTaskRequest(long leadId, String subject, String owner, int priority, int dueInDays, String comments)
        implements ActionRequest {

    /** Marketo's native action's default (docs/api.md, Create Task in Microsoft). */
    public static final int DEFAULT_DUE_IN_DAYS = 5;

    @Override
    public MicrosoftAction action() {
        return MicrosoftAction.CREATE_TASK;
    }

    @Override
    public JsonObject parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subject", subject);
        p.put("owner", owner);
        p.put("priority", priority);
        p.put("dueInDays", dueInDays);
        p.put("comments", comments);
        return ActionRequest.json(p);
    }
}
