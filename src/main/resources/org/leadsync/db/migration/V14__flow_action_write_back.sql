-- docs/api.md, Flow action: the CRM fields (msftId, msftType) a call has yet to write to its person, written
-- to Marketo in batches of up to 300 by the retrier rather than one call per person on the webhook's path.
ALTER TABLE flow_action_call ADD COLUMN write_back_entity VARCHAR(16);
ALTER TABLE flow_action_call ADD COLUMN write_back_record VARCHAR(64);
CREATE INDEX ix_flow_action_call_write_back ON flow_action_call (write_back_entity);
