-- Public clients (no secret) and the redirect URIs of the authorization code flow (SPEC §2, §11).
ALTER TABLE clients ADD COLUMN client_type VARCHAR(16) DEFAULT 'confidential' NOT NULL;
ALTER TABLE clients ALTER COLUMN secret_hash DROP NOT NULL;

CREATE TABLE client_redirect_uris (
    client_id    VARCHAR(64)  NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    redirect_uri VARCHAR(512) NOT NULL,
    PRIMARY KEY (client_id, redirect_uri)
);

-- A browser session (the single sign-on cookie) is a session without refresh tokens; the sessions
-- that code exchanges start under it name it as their parent, so ending it ends them.
ALTER TABLE sessions ADD COLUMN parent_id UUID;
ALTER TABLE sessions ADD COLUMN browser_hash VARCHAR(64);
CREATE UNIQUE INDEX ux_sessions_browser_hash ON sessions (browser_hash);
CREATE INDEX ix_sessions_parent_id ON sessions (parent_id);

-- Authorization codes by hash only: single use, short-lived, bound to client, redirect URI and PKCE challenge.
CREATE TABLE authorization_codes (
    code_hash          VARCHAR(64)   PRIMARY KEY,
    client_id          VARCHAR(64)   NOT NULL,
    redirect_uri       VARCHAR(512)  NOT NULL,
    code_challenge     VARCHAR(128)  NOT NULL,
    user_id            UUID          NOT NULL,
    browser_session_id UUID          NOT NULL,
    scope              VARCHAR(4000) NOT NULL,
    openid             BOOLEAN       NOT NULL,
    nonce              VARCHAR(512),
    auth_time          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at        TIMESTAMP WITH TIME ZONE,
    -- the session the first redemption started: a second use revokes it
    session_id         UUID
);
CREATE INDEX ix_authorization_codes_expires_at ON authorization_codes (expires_at);
