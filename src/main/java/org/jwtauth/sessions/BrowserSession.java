package org.jwtauth.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in browser (single sign-on, SPEC §11): the user, when they signed in, and, only in the
 * answer that started it, the cookie value (held by the service only as a hash).
 */
public record BrowserSession(UUID sessionId, UUID userId, Instant authTime, Instant expiresAt, String cookieValue) {

    @Override
    public String toString() {
        return "BrowserSession[sessionId=" + sessionId + ", userId=" + userId + "]"; // never the cookie
    }
}
