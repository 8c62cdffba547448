-- A jti is revoked once (SPEC §5): duplicates left by the former insert-only table are merged, the
-- latest expiry winning, before the constraint is added.
DELETE FROM revoked_access_tokens AS r
WHERE EXISTS (SELECT 1 FROM revoked_access_tokens o
              WHERE o.jti = r.jti AND (o.expires_at > r.expires_at OR (o.expires_at = r.expires_at AND o.id > r.id)));
ALTER TABLE revoked_access_tokens ADD CONSTRAINT uk_revoked_access_tokens_jti UNIQUE (jti);

-- When each revocation was recorded: replicas reload only what is newer than their previous reload.
ALTER TABLE revoked_access_tokens ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX ix_revoked_access_tokens_revoked_at ON revoked_access_tokens (revoked_at);
