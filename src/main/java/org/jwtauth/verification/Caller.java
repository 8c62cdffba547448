package org.jwtauth.verification;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sends the current request, as its verified access token says: a user (with a session, for
 * tokens of a login) or a service client. Only meaningful on endpoints that require a token.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The token's {@code sub}: a user id, or a client id for client_credentials. */
    public String subject() {
        return token.getSubject();
    }

    /** The user the token speaks for; empty for a service client. */
    public Optional<UUID> userId() {
        return Ids.uuid(token.getSubject());
    }

    /** The login session of the token; empty for a token without one (a client's). */
    public Optional<UUID> sessionId() {
        return Ids.uuid(stringClaim("sid"));
    }

    /** The username ({@code upn}), or the client id for a client's own token. */
    public String name() {
        return token.getName();
    }

    public boolean isClient() {
        return userId().isEmpty();
    }

    public String tokenId() {
        return token.getTokenID();
    }

    /** Epoch seconds. */
    public long expiresAt() {
        return token.getExpirationTime();
    }

    private String stringClaim(String name) {
        Object claim = token.getClaim(name);
        return claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
    }
}
