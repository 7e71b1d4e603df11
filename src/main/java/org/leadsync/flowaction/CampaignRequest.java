package org.leadsync.flowaction;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Add to / Remove from Microsoft Campaign (docs/api.md): a marketing list by id or name. */
public record CampaignRequest(long leadId, MicrosoftAction action, String campaign) implements ActionRequest {

    public CampaignRequest {
        if (action != MicrosoftAction.ADD_TO_CAMPAIGN && action != MicrosoftAction.REMOVE_FROM_CAMPAIGN) {
            throw new IllegalArgumentException("not a campaign action: " + action);
        }
    }

    public boolean adds() {
        return action == MicrosoftAction.ADD_TO_CAMPAIGN;
    }

    @Override
    public JsonObject parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("campaign", campaign);
        return ActionRequest.json(p);
    }
}
