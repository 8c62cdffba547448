package org.jwtauth.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sessions ended: every access token carrying one of their ids is refused from now on. */
public record SessionsRevoked(List<UUID> sessionIds, Instant revokedAt) {
}
