package org.jwtauth.token;

import java.util.UUID;

/** A refresh token was exchanged for a new pair. */
public record TokenRefreshed(UUID sessionId, UUID userId, String username, String clientAddress) {
}
