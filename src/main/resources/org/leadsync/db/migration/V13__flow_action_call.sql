-- docs/api.md, Flow action: every accepted call is recorded before any vendor call and stays pending until
-- its outcome is known; a call the webhook could not wait for is finished in the background, after a restart
-- too. One row per action and person: a second call while the first is pending joins it.
CREATE TABLE flow_action_call (
    action          VARCHAR(60)   NOT NULL,
    person_id       BIGINT        NOT NULL,
    sync_as         VARCHAR(16)   NOT NULL,
    assign_to       VARCHAR(64),
    state           VARCHAR(16)   NOT NULL,
    accepted_at     TIMESTAMP     NOT NULL,
    next_attempt_at TIMESTAMP     NOT NULL,
    attempts        INTEGER       NOT NULL,
    last_error      VARCHAR(2000),
    outcome         VARCHAR(20),
    finished_at     TIMESTAMP,
    PRIMARY KEY (action, person_id)
);
CREATE INDEX ix_flow_action_call_due ON flow_action_call (state, next_attempt_at);
