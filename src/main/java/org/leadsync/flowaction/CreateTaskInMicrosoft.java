package org.leadsync.flowaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadsync.link.RecordLink;
import org.leadsync.port.DynamicsActivities;
import org.leadsync.port.DynamicsOwner;
import org.leadsync.port.DynamicsTask;

/**
 * Create Task in Microsoft (docs/api.md): a Dynamics task regarding the person's lead or contact. The task's key
 * comes from the accepted call (its key, person and acceptance time), so an attempt repeated after a crash or
 * by a joining call finds the task made, never a second one; it is due `dueInDays` after the acceptance.
 */
@ApplicationScoped
public class CreateTaskInMicrosoft {

    @Inject
    DynamicsActivities dynamics;

    ActionResult run(CreateTaskRequest request, RecordLink link, Instant acceptedAt) {
        DynamicsOwner owner = null;
        if (request.owner() != null) {
            Optional<DynamicsOwner> found = dynamics.owner(request.owner());
            if (found.isEmpty()) {
                return ActionResult.failed(request.leadId(), "owner", "not-found", "No Dynamics user or team has the id or email " + request.owner());
            }
            owner = found.get();
        }
        String taskId = taskId(request, acceptedAt);
        boolean created = dynamics.createTask(new DynamicsTask(taskId, link.entity(), link.dynamicsId(), request.subject(),
                request.comments(), request.priority(), acceptedAt.plus(Duration.ofDays(request.dueInDays())), owner));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entity", "task");
        details.put("dynamicsId", taskId);
        details.put("regarding", Map.of("entity", link.entity().logicalName(), "dynamicsId", link.dynamicsId()));
        return ActionResult.done(request.leadId(), "created", details, created ? "Created task " + taskId
                : "Task " + taskId + " had been created by an earlier attempt");
    }

    static String taskId(CreateTaskRequest request, Instant acceptedAt) {
        String name = request.callKey() + "|" + request.leadId() + "|" + acceptedAt.toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
