package org.leadsync.flowaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leadsync.link.RecordLink;
import org.leadsync.port.DynamicsActivities;
import org.leadsync.port.DynamicsOwner;

/** Change Owner in Microsoft (docs/api.md): the person's lead or contact is assigned to a user or a team. */
@ApplicationScoped
public class ChangeOwnerInMicrosoft {

    @Inject
    DynamicsActivities dynamics;

    ActionResult run(ChangeOwnerRequest request, RecordLink link) {
        Optional<DynamicsOwner> owner = dynamics.owner(request.owner());
        if (owner.isEmpty()) {
            return ActionResult.failed(request.leadId(), "owner", "not-found", "No Dynamics user or team has the id or email " + request.owner());
        }
        dynamics.assign(link.entity(), link.dynamicsId(), owner.get());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entity", link.entity().logicalName());
        details.put("dynamicsId", link.dynamicsId());
        details.put("ownerType", owner.get().kind().logicalName());
        details.put("ownerId", owner.get().id());
        return ActionResult.done(request.leadId(), "assigned", details,
                "Assigned to " + owner.get().kind().logicalName() + " " + owner.get().id());
    }
}
