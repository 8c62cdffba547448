package org.jwtauth.sessions;

import java.util.UUID;

/** A rotated refresh token came back outside the grace window: treated as theft, its session is revoked. */
public record RefreshTokenReused(UUID sessionId, UUID userId, String username) {
}
