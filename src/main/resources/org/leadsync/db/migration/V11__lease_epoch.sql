-- R4: every acquisition of the cycle lease starts a new epoch; a cycle's commits are fenced with it.
ALTER TABLE sync_lease ADD COLUMN epoch BIGINT DEFAULT 0 NOT NULL;
