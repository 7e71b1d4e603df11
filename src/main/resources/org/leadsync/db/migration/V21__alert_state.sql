-- Issue 14: one row per alert rule (and per quarantined field), shared by every instance, so an incident is
-- announced once and its recovery once, whichever instance sees it first (docs/api.md, Alerts).
CREATE TABLE alert_state (
    rule         VARCHAR(200)  NOT NULL PRIMARY KEY,
    firing_since TIMESTAMP,
    detail       VARCHAR(2000),
    changed_at   TIMESTAMP     NOT NULL
);
