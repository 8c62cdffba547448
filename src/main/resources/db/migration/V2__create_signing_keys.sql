CREATE TABLE signing_keys (
    kid          VARCHAR(64)   PRIMARY KEY,
    algorithm    VARCHAR(16)   NOT NULL,
    public_jwk   VARCHAR(4000) NOT NULL,
    private_key  VARCHAR(8000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    activates_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retires_at   TIMESTAMP WITH TIME ZONE
);

-- One row that replicas lock (SELECT ... FOR UPDATE) so only one of them creates keys.
CREATE TABLE key_generation_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO key_generation_lock (id) VALUES (1);
