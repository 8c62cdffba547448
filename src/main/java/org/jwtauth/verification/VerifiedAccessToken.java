package org.jwtauth.verification;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import org.jwtauth.common.crypto.TimeOrderedIds;

/**
 * An access token that passed every check of SPEC §3, with typed claims. Keeps what must be
 * checked again on each later use (expiry, key, revocation); the JOSE library stays inside.
 */
public final class VerifiedAccessToken {

    private final JwtClaims claims;
    private final String kid;
    private final String subject;
    private final String tokenId;
    private final String sessionId;
    private final long issuedAt;
    private final long issuedAtMillis;
    private final long expiresAt;
    // the last recheck this token passed, by any thread
    private volatile Passed passed;

    /**
     * A passed recheck: it holds before {@code untilMillis} (the token's or its key's end) while the
     * revocation state and the loaded keys are still at these versions.
     */
    record Passed(long untilMillis, long revocationVersion, Object keysVersion) {
    }

    private VerifiedAccessToken(JwtClaims claims, String kid) throws MalformedClaimException {
        this.claims = claims;
        this.kid = kid;
        this.subject = claims.getSubject();
        this.tokenId = claims.getJwtId();
        Object sid = claims.getClaimValue("sid");
        this.sessionId = sid == null ? null : sid.toString();
        this.issuedAt = claims.getIssuedAt().getValue();
        this.issuedAtMillis = issuedAtMillis(issuedAt, tokenId);
        this.expiresAt = claims.getExpirationTime().getValue();
    }

    static VerifiedAccessToken of(JwtClaims claims, String kid) throws TokenRejectedException {
        try {
            return new VerifiedAccessToken(claims, kid);
        } catch (MalformedClaimException | ClassCastException e) {
            throw Rejection.CLAIM_TYPE.exception();
        }
    }

    Passed passed() {
        return passed;
    }

    void passed(Passed recheck) {
        this.passed = recheck;
    }

    JwtClaims claims() {
        return claims;
    }

    public String kid() {
        return kid;
    }

    /** A user's id (a UUID) or, for client_credentials, the client id. */
    public String subject() {
        return subject;
    }

    /** The user id the subject names; empty for a client's own token. */
    public Optional<UUID> userId() {
        return Ids.uuid(subject);
    }

    /** The {@code sid} of the session the token belongs to; empty for a token without a session. */
    public Optional<UUID> sessionId() {
        return Ids.uuid(sessionId);
    }

    String rawSessionId() {
        return sessionId;
    }

    public String tokenId() {
        return tokenId;
    }

    /** Epoch seconds. */
    public long issuedAt() {
        return issuedAt;
    }

    /**
     * When the token was issued, in epoch milliseconds: from its time-ordered {@code jti} when that
     * agrees with {@code iat}, else the start of the {@code iat} second (the earliest it can be, so a
     * revocation cut-off in that second refuses it).
     */
    public long issuedAtMillis() {
        return issuedAtMillis; // read on every request with a cached token: parsed once
    }

    private static long issuedAtMillis(long issuedAt, String tokenId) {
        long earliest = issuedAt * 1000;
        OptionalLong precise = TimeOrderedIds.millisOf(tokenId);
        return precise.isPresent() && precise.getAsLong() >= earliest && precise.getAsLong() < earliest + 1000
                ? precise.getAsLong() : earliest;
    }

    /** Epoch seconds. */
    public long expiresAt() {
        return expiresAt;
    }

    public String username() {
        return stringClaim("upn");
    }

    public String scope() {
        return stringClaim("scope");
    }

    public String clientId() {
        return stringClaim("client_id");
    }

    public String issuer() {
        return stringClaim("iss");
    }

    public List<String> audience() {
        try {
            return claims.getAudience();
        } catch (MalformedClaimException e) {
            return List.of();
        }
    }

    private String stringClaim(String name) {
        Object value = claims.getClaimValue(name);
        return value instanceof String text ? text : null;
    }
}
