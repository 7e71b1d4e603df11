package org.leadsync.flowaction;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Change Owner in Microsoft: the person's record gets this owner, a user or team by id or email (docs/api.md). */
public record ChangeOwnerRequest(long leadId, String owner) implements ActionRequest {

    @Override
    public MicrosoftAction action() {
        return MicrosoftAction.CHANGE_OWNER;
    }

    @Override
    public JsonObject parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("owner", owner);
        return ActionRequest.json(p);
    }
}
