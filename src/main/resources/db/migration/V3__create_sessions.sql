-- A login session: the root of one chain of refresh tokens (SPEC §2, §5).
CREATE TABLE sessions (
    id             UUID          PRIMARY KEY,
    -- no foreign key: a deleted user's revoked sessions must outlive the user until its tokens expire
    user_id        UUID          NOT NULL,
    client_id      VARCHAR(64),
    scope          VARCHAR(4000) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- expiry of the live refresh token
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    current_hash   VARCHAR(64)   NOT NULL,
    previous_hash  VARCHAR(64),
    rotated_at     TIMESTAMP WITH TIME ZONE,
    -- the live refresh token, encrypted, kept only during the grace window so a retry gets it again
    current_sealed VARCHAR(255),
    revoked_at     TIMESTAMP WITH TIME ZONE,
    revoke_reason  VARCHAR(32)
);
CREATE INDEX ix_sessions_user_id ON sessions (user_id);
CREATE INDEX ix_sessions_revoked_at ON sessions (revoked_at);
CREATE INDEX ix_sessions_expires_at ON sessions (expires_at);
CREATE INDEX ix_sessions_rotated_at ON sessions (rotated_at);

-- Every refresh token a session has issued, by hash only, so reuse of an old one is recognised as theft.
CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_refresh_tokens_session_id ON refresh_tokens (session_id);
CREATE INDEX ix_refresh_tokens_expires_at ON refresh_tokens (expires_at);

-- Single access tokens revoked through /auth/revoke, kept until they expire. Insert-only (no unique
-- jti), so two replicas revoking the same token at once never collide.
CREATE TABLE revoked_access_tokens (
    id         UUID        PRIMARY KEY,
    jti        VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_revoked_access_tokens_expires_at ON revoked_access_tokens (expires_at);

-- "Every token of this subject issued before this time is revoked" (logout-all, disable, delete).
-- Insert-only like the table above; the latest row per subject wins.
CREATE TABLE subject_revocations (
    id             UUID        PRIMARY KEY,
    subject        VARCHAR(64) NOT NULL,
    revoked_before TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_subject_revocations_revoked_before ON subject_revocations (revoked_before);
