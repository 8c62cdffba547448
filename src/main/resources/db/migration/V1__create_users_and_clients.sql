CREATE TABLE users (
    id            UUID PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    username_key  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_users_username_key UNIQUE (username_key)
);

CREATE TABLE user_roles (
    user_id UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE clients (
    client_id   VARCHAR(64)  PRIMARY KEY,
    secret_hash VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE client_roles (
    client_id VARCHAR(64) NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    role      VARCHAR(64) NOT NULL,
    PRIMARY KEY (client_id, role)
);
