-- LeadSync schema, version 1. Portable between H2 2.x and PostgreSQL 13+.
-- Flags are SMALLINT 0/1 (db/FlagConverter explains why).
-- Sequences step by 50 to match the entities' allocationSize: EclipseLink takes the value it reads as the top of a block of 50, so each starts at 50.

CREATE SEQUENCE record_link_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE field_snapshot_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE field_mapping_seq START WITH 100 INCREMENT BY 50;
CREATE SEQUENCE activity_entry_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE cycle_run_seq START WITH 50 INCREMENT BY 50;

-- R1: a person is linked to at most one record, and a record to at most one person.
CREATE TABLE record_link (
    id                     BIGINT       NOT NULL PRIMARY KEY,
    person_id              BIGINT       NOT NULL,
    dynamics_id            VARCHAR(36)  NOT NULL,
    entity                 VARCHAR(16)  NOT NULL,
    state                  VARCHAR(32)  NOT NULL,
    converted_from_lead_id VARCHAR(36),
    linked_at              TIMESTAMP    NOT NULL,
    updated_at             TIMESTAMP    NOT NULL,
    version                BIGINT       NOT NULL,
    CONSTRAINT uk_record_link_person UNIQUE (person_id),
    CONSTRAINT uk_record_link_dynamics UNIQUE (dynamics_id),
    CONSTRAINT ck_record_link_entity CHECK (entity IN ('lead', 'contact')),
    CONSTRAINT ck_record_link_state CHECK (state IN ('active', 'deleted-in-dynamics', 'filtered-out'))
);
CREATE INDEX ix_record_link_state ON record_link (state);
CREATE INDEX ix_record_link_converted ON record_link (converted_from_lead_id);

-- R1/R7: per mapped field, the value both sides agreed on at the last sync.
CREATE TABLE field_snapshot (
    id            BIGINT       NOT NULL PRIMARY KEY,
    link_id       BIGINT       NOT NULL,
    marketo_field VARCHAR(100) NOT NULL,
    synced_value  VARCHAR(65535),
    CONSTRAINT fk_field_snapshot_link FOREIGN KEY (link_id) REFERENCES record_link (id) ON DELETE CASCADE,
    CONSTRAINT uk_field_snapshot UNIQUE (link_id, marketo_field)
);

-- R5/R6: delta links and paging tokens, moved only with the work they produced.
CREATE TABLE sync_cursor (
    name       VARCHAR(64)    NOT NULL PRIMARY KEY,
    position   VARCHAR(65535) NOT NULL,
    since      TIMESTAMP,
    updated_at TIMESTAMP      NOT NULL
);

-- R4: one cycle at a time across every instance; pause state lives here too.
CREATE TABLE sync_lease (
    name       VARCHAR(32)  NOT NULL PRIMARY KEY,
    holder     VARCHAR(200),
    expires_at TIMESTAMP,
    paused     SMALLINT     NOT NULL,
    version    BIGINT       NOT NULL
);
INSERT INTO sync_lease (name, holder, expires_at, paused, version) VALUES ('sync-cycle', NULL, NULL, 0, 1);

-- What each cycle did, for /api/sync/status.
CREATE TABLE cycle_run (
    id                   BIGINT        NOT NULL PRIMARY KEY,
    holder               VARCHAR(200)  NOT NULL,
    started_at           TIMESTAMP     NOT NULL,
    finished_at          TIMESTAMP,
    pulled_from_marketo  INTEGER       NOT NULL,
    pulled_from_dynamics INTEGER       NOT NULL,
    written_to_marketo   INTEGER       NOT NULL,
    written_to_dynamics  INTEGER       NOT NULL,
    collisions           INTEGER       NOT NULL,
    failed               INTEGER       NOT NULL,
    outcome              VARCHAR(32)   NOT NULL,
    message              VARCHAR(2000)
);
CREATE INDEX ix_cycle_run_started ON cycle_run (started_at);

-- R2: the fields an admin picked. A Dynamics attribute is the target of one mapping at most.
CREATE TABLE field_mapping (
    id               BIGINT       NOT NULL PRIMARY KEY,
    marketo_field    VARCHAR(100) NOT NULL,
    lead_field       VARCHAR(100),
    contact_field    VARCHAR(100),
    position         INTEGER      NOT NULL,
    backfill_pending SMALLINT     NOT NULL,
    CONSTRAINT uk_field_mapping_marketo UNIQUE (marketo_field),
    CONSTRAINT uk_field_mapping_lead UNIQUE (lead_field),
    CONSTRAINT uk_field_mapping_contact UNIQUE (contact_field)
);
-- The default set of docs/api.md (Field setup), in effect until an admin saves another.
INSERT INTO field_mapping (id, marketo_field, lead_field, contact_field, position, backfill_pending) VALUES
    (1, 'email',     'emailaddress1', 'emailaddress1', 0, 0),
    (2, 'firstName', 'firstname',     'firstname',     1, 0),
    (3, 'lastName',  'lastname',      'lastname',      2, 0),
    (4, 'company',   'companyname',   NULL,            3, 0),
    (5, 'title',     'jobtitle',      'jobtitle',      4, 0),
    (6, 'phone',     'telephone1',    'telephone1',    5, 0);

-- R20: everything that happened to a person. person_id is empty for a record that never became one.
CREATE TABLE activity_entry (
    id                BIGINT        NOT NULL PRIMARY KEY,
    person_id         BIGINT,
    occurred_at       TIMESTAMP     NOT NULL,
    type              VARCHAR(40)   NOT NULL,
    direction         VARCHAR(16),
    operation         VARCHAR(16),
    entity            VARCHAR(16),
    dynamics_id       VARCHAR(36),
    outcome           VARCHAR(16)   NOT NULL,
    fields            VARCHAR(4000),
    error_code        VARCHAR(64),
    message           VARCHAR(4000),
    pushed_to_marketo SMALLINT      NOT NULL
);
CREATE INDEX ix_activity_person ON activity_entry (person_id, id);
CREATE INDEX ix_activity_outcome ON activity_entry (outcome, occurred_at);
CREATE INDEX ix_activity_push ON activity_entry (pushed_to_marketo, id);
