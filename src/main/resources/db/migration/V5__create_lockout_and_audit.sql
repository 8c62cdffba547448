-- Failed-login counters shared by every replica (SPEC §7): one row per username or client address.
-- The key is a SHA-256 of the normalized username or address, so attacker-chosen text is never stored here.
CREATE TABLE login_throttle (
    throttle_key  VARCHAR(80) PRIMARY KEY,
    failures      INTEGER     NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE audit_events (
    id             UUID         PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    type           VARCHAR(40)  NOT NULL,
    user_id        UUID,
    username       VARCHAR(64),
    username_key   VARCHAR(64),
    client_address VARCHAR(64),
    details        VARCHAR(4000) NOT NULL
);

CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX ix_audit_events_username_key ON audit_events (username_key, occurred_at);
CREATE INDEX ix_audit_events_type ON audit_events (type, occurred_at);
