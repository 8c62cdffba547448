package org.jwtauth.token;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jwtauth.sessions.RevocationService;
import org.jwtauth.token.TokensEnded.How;
import org.jwtauth.verification.AccessTokenVerifier;
import org.jwtauth.verification.Caller;
import org.jwtauth.verification.TokenRejectedException;
import org.jwtauth.verification.VerifiedAccessToken;

/** Token revocation (RFC 7009) and logout: what a token holder may end. Each runs in one transaction. */
@ApplicationScoped
@Transactional
public class TokenRevocationService {

    private final AccessTokenVerifier verifier;
    private final RevocationService revocations;
    private final Event<TokensEnded> ended;

    TokenRevocationService(AccessTokenVerifier verifier, RevocationService revocations, Event<TokensEnded> ended) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.ended = ended;
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
            revocations.revokeByRefreshToken(token).ifPresent(session -> ended.fire(
                    new TokensEnded(How.REFRESH_TOKEN_REVOKED, session.userId(), null, session.sessionId(), null)));
        }
    }

    private void revokeAccessToken(String token) {
        VerifiedAccessToken verified;
        try {
            verified = verifier.verify(token);
        } catch (TokenRejectedException e) {
            return; // invalid, expired or already revoked: nothing left to revoke
        }
        if (verified.tokenId() != null) {
            revocations.revokeAccessToken(verified.tokenId(), Instant.ofEpochSecond(verified.expiresAt()));
            ended.fire(new TokensEnded(How.ACCESS_TOKEN_REVOKED, verified.userId().orElse(null), verified.username(),
                    null, verified.tokenId()));
        }
    }

    /** Ends the caller's session; a token without a session (a client's) is revoked by itself. */
    void logout(Caller caller) {
        caller.sessionId().ifPresentOrElse(id -> revocations.revokeSession(id, "logout"), () -> {
            if (caller.tokenId() != null) {
                revocations.revokeAccessToken(caller.tokenId(), Instant.ofEpochSecond(caller.expiresAt()));
            }
        });
        ended.fire(new TokensEnded(How.LOGOUT, caller.userId().orElse(null), caller.name(),
                caller.sessionId().orElse(null), null));
    }

    /** Ends every session of the caller and revokes every token issued to it so far. */
    void logoutEverywhere(Caller caller) {
        revocations.revokeAllForSubject(caller.subject(), "logout-all");
        ended.fire(new TokensEnded(How.LOGOUT_ALL, caller.userId().orElse(null), caller.name(), null, null));
    }
}
