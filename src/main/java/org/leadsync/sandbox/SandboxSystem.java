package org.leadsync.sandbox;

import java.util.Map;

/**
 * One emulated vendor system (Marketo or Dynamics). The admin resource drives every system through
 * this, so /sandbox/admin does not need to know either store.
 */
public interface SandboxSystem {

    /** `marketo` or `dynamics`, as the admin JSON names them. */
    String name();

    /** Empties the store and its counters. */
    void reset();

    /** Adds deterministic generated data (docs/sandbox.md, POST /seed). */
    void seed(SeedRequest request);

    /** Calls by endpoint, rows by table, rate-limit rejections (GET /stats). */
    Map<String, Object> stats();
}
