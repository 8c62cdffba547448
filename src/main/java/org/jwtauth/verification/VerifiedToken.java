package org.jwtauth.verification;

import org.jose4j.jwt.JwtClaims;

/** An access token that passed every check, with what must be checked again on each later use. */
public record VerifiedToken(JwtClaims claims, String kid, long expiresAt, long issuedAt, String sessionId, String tokenId,
        String subject) {
}
