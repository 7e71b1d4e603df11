-- docs/api.md, Other flow actions: every action is recorded before any vendor call, like Sync Person to
-- Microsoft. A call is keyed by its action and a digest of its parameters (two tasks with different subjects
-- for one person are two calls; the same call twice while pending is one), and its parameters are kept as JSON
-- so the retrier can run it again after a restart. sync_as belongs to Sync Person to Microsoft only.
ALTER TABLE flow_action_call ALTER COLUMN action SET DATA TYPE VARCHAR(100);
ALTER TABLE flow_action_call ALTER COLUMN sync_as DROP NOT NULL;
ALTER TABLE flow_action_call ADD COLUMN parameters VARCHAR(4000);
