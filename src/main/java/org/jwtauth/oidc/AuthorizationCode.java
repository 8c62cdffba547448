package org.jwtauth.oidc;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An issued authorization code, by hash only, with everything it is bound to (SPEC §11). */
@Entity
@Table(name = "authorization_codes")
class AuthorizationCode {

    @Id
    @Column(name = "code_hash")
    String codeHash;

    @Column(name = "client_id", nullable = false)
    String clientId;

    @Column(name = "redirect_uri", nullable = false)
    String redirectUri;

    @Column(name = "code_challenge", nullable = false)
    String codeChallenge;

    @Column(name = "user_id", nullable = false)
    UUID userId;

    @Column(name = "browser_session_id", nullable = false)
    UUID browserSessionId;

    /** The granted roles, space-separated. */
    @Column(nullable = false)
    String scope;

    @Column(nullable = false)
    boolean openid;

    @Column
    String nonce;

    @Column(name = "auth_time", nullable = false)
    Instant authTime;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "redeemed_at")
    Instant redeemedAt;

    /** The session the first redemption started. */
    @Column(name = "session_id")
    UUID sessionId;
}
