package org.jwtauth.sessions;

import java.time.Instant;

/** One access token, by its {@code jti}, is refused until it expires. */
public record AccessTokenRevoked(String tokenId, Instant expiresAt) {
}
