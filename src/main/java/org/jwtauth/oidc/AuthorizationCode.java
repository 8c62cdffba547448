package org.jwtauth.oidc;

import java.time.Instant;
import java.util.UUID;

/** An issued authorization code (a row of {@code authorization_codes}), by hash only, with everything it is bound to (SPEC §11). */
class AuthorizationCode {

    String codeHash;

    String clientId;

    String redirectUri;

    String codeChallenge;

    UUID userId;

    UUID browserSessionId;

    /** The granted roles, space-separated. */
    String scope;

    boolean openid;

    String nonce;

    Instant authTime;

    Instant expiresAt;

    Instant redeemedAt;

    /** The session the first redemption started. */
    UUID sessionId;
}
