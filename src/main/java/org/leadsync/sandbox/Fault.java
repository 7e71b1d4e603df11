package org.leadsync.sandbox;

/**
 * PUT /sandbox/admin/faults: the next `count` calls to `system` fail with an HTTP `status`, a
 * Marketo error code (`marketoError`, as HTTP 200 + success:false) or a delay of `delayMs`.
 */
public record Fault(String system, Integer status, String marketoError, Long delayMs, Integer count) {

    public int times() {
        return count == null ? 1 : count;
    }
}
