package org.leadsync.flowaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leadsync.link.RecordLink;
import org.leadsync.port.DynamicsActivities;
import org.leadsync.port.MarketingList;

/**
 * Add to / Remove from Microsoft Campaign (docs/api.md): the person's lead or contact joins or leaves a static
 * marketing list that holds that kind of record. Both are idempotent in Dynamics, so a repeated attempt is safe.
 */
@ApplicationScoped
public class MicrosoftCampaignMembership {

    @Inject
    DynamicsActivities dynamics;

    ActionResult run(CampaignRequest request, RecordLink link) {
        Optional<MarketingList> list = dynamics.list(request.campaign());
        if (list.isEmpty()) {
            return ActionResult.failed(request.leadId(), "campaign", "not-found", "No Dynamics marketing list has the id or name " + request.campaign());
        }
        MarketingList l = list.get();
        if (l.memberType() != link.entity()) {
            return ActionResult.failed(request.leadId(), "campaign", "member-type", "Marketing list " + l.name() + " holds "
                    + (l.memberType() == null ? "accounts" : l.memberType().logicalName() + "s") + "; the person is a "
                    + link.entity().logicalName() + " in Dynamics");
        }
        if (request.adds()) {
            dynamics.addToList(l.id(), link.dynamicsId());
        } else {
            dynamics.removeFromList(l.id(), link.dynamicsId());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entity", link.entity().logicalName());
        details.put("dynamicsId", link.dynamicsId());
        details.put("listId", l.id());
        details.put("listName", l.name());
        return ActionResult.done(request.leadId(), request.adds() ? "added" : "removed", details,
                (request.adds() ? "Added to" : "Removed from") + " marketing list " + l.name());
    }
}
