package org.jwtauth.sessions;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One login and every token descended from it; holds the live and the previous refresh token by hash only. */
@Entity
@Table(name = "sessions")
public class Session {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** The client the session was issued to, or null for a plain user login. */
    @Column(name = "client_id")
    public String clientId;

    /** The roles originally granted (space-separated); a refresh may narrow, never widen them. */
    @Column(nullable = false)
    public String scope;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "current_hash", nullable = false)
    public String currentHash;

    @Column(name = "previous_hash")
    public String previousHash;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    /** The live refresh token encrypted under the master key, kept only for the grace window. */
    @Column(name = "current_sealed")
    public String currentSealed;

    /** The browser session a code exchange started this session under; ending that one ends this one. */
    @Column(name = "parent_id")
    public UUID parentId;

    /** For a browser session (single sign-on cookie) the cookie's hash; null for every other session. */
    @Column(name = "browser_hash")
    public String browserHash;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoke_reason")
    public String revokeReason;

    boolean isActiveAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
