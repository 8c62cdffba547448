package org.jwtauth.verification;

import org.jose4j.jwt.JwtClaims;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/**
 * MicroProfile JWT's principal of a verified token with its name (upn, else preferred_username, else
 * sub) looked up once: the cached principal serves every request with that token, and each
 * {@code getName()} otherwise searched the claims again.
 */
final class VerifiedPrincipal extends DefaultJWTCallerPrincipal {

    private final String name;

    VerifiedPrincipal(String token, JwtClaims claims) {
        super(token, "JWT", claims);
        this.name = super.getName();
    }

    @Override
    public String getName() {
        return name;
    }
}
