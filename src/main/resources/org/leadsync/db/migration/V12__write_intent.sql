-- R6: what a cycle is about to write to a vendor, committed before the write and deleted by the commit of
-- the page that records it. One left behind by a kill tells the next cycle which value was LeadSync's own.
CREATE SEQUENCE write_intent_ids START WITH 1000 INCREMENT BY 1000;
CREATE TABLE write_intent (
    id         BIGINT         NOT NULL PRIMARY KEY,
    person_id  BIGINT         NOT NULL,
    field      VARCHAR(100)   NOT NULL,
    target     VARCHAR(16)    NOT NULL,
    intended   VARCHAR(65535),
    created_at TIMESTAMP      NOT NULL
);
CREATE INDEX ix_write_intent_person ON write_intent (person_id);
