package org.jwtauth.sessions;

import java.time.Instant;
import java.util.UUID;

/** A refresh token of the earlier format a session has issued (a row of {@code refresh_tokens}), known only by its SHA-256 hash. */
public class RefreshToken {

    public String tokenHash;

    public UUID sessionId;

    public Instant issuedAt;

    public Instant expiresAt;
}
