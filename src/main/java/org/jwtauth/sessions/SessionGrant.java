package org.jwtauth.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * What a session grants: its user, the client it is bound to (or null) and the originally granted
 * scope; with the refresh token just issued or re-sent, when there is one.
 */
public record SessionGrant(UUID sessionId, UUID userId, String clientId, String scope,
        String refreshToken, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "SessionGrant[sessionId=" + sessionId + ", userId=" + userId + "]"; // never the token
    }
}
