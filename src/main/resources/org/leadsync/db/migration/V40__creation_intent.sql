-- R6/R10: the Dynamics records a page is about to create persons for, committed before Marketo's createOnly and
-- deleted by the commit of the page that links them. One left behind by a kill is the only case in which a
-- person may carry the record's msftId without a link, so only then does the next cycle look it up by msftId.
CREATE TABLE creation_intent (
    dynamics_id VARCHAR(36) NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP   NOT NULL
);
