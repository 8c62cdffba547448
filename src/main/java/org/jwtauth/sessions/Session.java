package org.jwtauth.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * One login and every token descended from it (a row of {@code sessions}); holds the live and the previous
 * refresh token by hash only.
 */
public class Session {

    public UUID id;

    public UUID userId;

    /** The client the session was issued to, or null for a plain user login. */
    public String clientId;

    /** The roles originally granted (space-separated); a refresh may narrow, never widen them. */
    public String scope;

    public Instant createdAt;

    public Instant expiresAt;

    public String currentHash;

    public String previousHash;

    public Instant rotatedAt;

    /** The live refresh token encrypted under the master key, kept only for the grace window. */
    public String currentSealed;

    /** The browser session a code exchange started this session under; ending that one ends this one. */
    public UUID parentId;

    /** For a browser session (single sign-on cookie) the cookie's hash; null for every other session. */
    public String browserHash;

    public Instant revokedAt;

    public String revokeReason;

    boolean isActiveAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
