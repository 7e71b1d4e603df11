package org.leadsync.port;

import java.time.Instant;

/**
 * A Dynamics task regarding a lead or contact (docs/api.md, Create Task in Microsoft). `priority` is 0 low,
 * 1 normal, 2 high; `owner` null leaves the owner to Dynamics (the connector's user).
 */
public record DynamicsTask(String taskId, CrmEntity regarding, String recordId, String subject, String comments,
                           int priority, Instant due, DynamicsOwner owner) {
}
