package org.jwtauth.sessions;

import java.time.Instant;

/** Every access token of a user or client issued before {@code revokedBefore} is refused from now on. */
public record SubjectRevoked(String subject, Instant revokedBefore) {
}
