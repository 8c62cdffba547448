-- Managed keys now follow a timeline (next -> current -> retired, all derived from activates_at and
-- retires_at); the same table also holds the key that decrypts nested (encrypted) tokens.
ALTER TABLE signing_keys ADD COLUMN key_use VARCHAR(8) DEFAULT 'sig' NOT NULL;

CREATE INDEX ix_signing_keys_use_activation ON signing_keys (key_use, activates_at);
