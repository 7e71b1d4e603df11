-- docs/sync-rules.md R23: a mapped field whose Dynamics attribute was deleted or renamed is set aside, per entity,
-- while everything else syncs; the row goes when the attribute is back. Shared by every instance (status, setup).
CREATE TABLE field_quarantine (
    field_key     VARCHAR(200)  NOT NULL PRIMARY KEY,
    entity        VARCHAR(16)   NOT NULL,
    attribute     VARCHAR(100)  NOT NULL,
    marketo_field VARCHAR(100)  NOT NULL,
    since         TIMESTAMP     NOT NULL,
    reason        VARCHAR(1000)
);
