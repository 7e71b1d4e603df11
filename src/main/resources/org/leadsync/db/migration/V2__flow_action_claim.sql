-- R15: concurrent "Sync Person to Microsoft" calls for one person create exactly one record, across
-- every instance: the call that inserts the person's row creates; the others wait for its link.
CREATE TABLE flow_action_claim (
    person_id  BIGINT       NOT NULL PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    claimed_at TIMESTAMP    NOT NULL
);
