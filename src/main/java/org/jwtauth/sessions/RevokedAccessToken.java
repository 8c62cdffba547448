package org.jwtauth.sessions;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One access token revoked by its {@code jti} (unique), remembered until it would have expired. */
@Entity
@Table(name = "revoked_access_tokens")
public class RevokedAccessToken {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String jti;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** When the revocation was recorded: the reload watermark of every replica. */
    @Column(name = "revoked_at", nullable = false)
    public Instant revokedAt;
}
