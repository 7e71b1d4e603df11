-- Issue 14: vendor calls per cycle for GET /api/sync/cycles (docs/api.md, Cycle history). While a cycle runs the
-- columns hold the meter's running totals at its start; when it ends, the calls made since. NULL: not known
-- (closed as interrupted by another instance, or a run from before this version).
ALTER TABLE cycle_run ADD COLUMN marketo_calls BIGINT;
ALTER TABLE cycle_run ADD COLUMN dynamics_calls BIGINT;
CREATE INDEX ix_cycle_run_finished ON cycle_run (finished_at);
