package org.jwtauth.token;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jwtauth.audit.AuditService;
import org.jwtauth.audit.AuditType;
import org.jwtauth.verification.AccessTokenVerifier;
import org.jwtauth.verification.TokenRejectedException;
import org.jwtauth.sessions.SessionService;

/** Token revocation (RFC 7009) and logout: what a token holder may end. */
@ApplicationScoped
public class TokenRevocationService {

    private final AccessTokenVerifier verifier;
    private final SessionService sessions;
    private final AuditService audit;

    public TokenRevocationService(AccessTokenVerifier verifier, SessionService sessions, AuditService audit) {
        this.verifier = verifier;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * Revokes an access token (by its {@code jti}) or a refresh token (with its whole session).
     * Holding the token is enough; an unknown, expired or garbage token is silently ignored (RFC 7009 §2.2).
     */
    void revoke(TokenParameters parameters) {
        String token = parameters.require("token");
        // token_type_hint is only a hint (RFC 7009 §2.1): the token's form tells the two kinds apart
        if (token.indexOf('.') >= 0) {
            revokeAccessToken(token);
        } else {
            sessions.revokeByRefreshToken(token).ifPresent(session -> audit.recordChange(AuditType.TOKEN_REVOKED,
                    session.userId(), null, Map.of("kind", "refresh_token", "session_id", session.sessionId().toString())));
        }
    }

    private void revokeAccessToken(String token) {
        try {
            JwtClaims claims = verifier.verify(token);
            String jti = claims.getJwtId();
            if (jti != null) {
                sessions.revokeAccessToken(jti, Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
                audit.recordChange(AuditType.TOKEN_REVOKED, userIdOf(claims.getSubject()),
                        claims.getClaimValueAsString("upn"), Map.of("kind", "access_token", "jti", jti));
            }
        } catch (TokenRejectedException | MalformedClaimException e) {
            // invalid, expired or already revoked: nothing left to revoke
        }
    }

    /** Ends the caller's session; a token without a session (a client's) is revoked by itself. */
    void logout(JsonWebToken caller) {
        Optional<UUID> sessionId = sessionIdOf(caller);
        audit.recordChange(AuditType.LOGOUT, userIdOf(caller.getSubject()), caller.getName(),
                sessionId.map(id -> Map.of("session_id", id.toString())).orElse(Map.of()));
        if (sessionId.isPresent()) {
            sessions.revokeSession(sessionId.get(), "logout");
        } else if (caller.getTokenID() != null) {
            sessions.revokeAccessToken(caller.getTokenID(), Instant.ofEpochSecond(caller.getExpirationTime()));
        }
    }

    /** The {@code sid} claim of a verified token, when it names a session. */
    static Optional<UUID> sessionIdOf(JsonWebToken token) {
        Object claim = token.getClaim("sid");
        String value = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        try {
            return Optional.ofNullable(value).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Ends every session of the caller and revokes every token issued to it so far. */
    void logoutEverywhere(JsonWebToken caller) {
        sessions.revokeAllForSubject(caller.getSubject(), "logout-all");
        audit.recordChange(AuditType.LOGOUT_ALL, userIdOf(caller.getSubject()), caller.getName(), Map.of());
    }

    /** The user id a subject names; a client's subject is not a UUID. */
    private static UUID userIdOf(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
