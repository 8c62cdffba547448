package org.jwtauth.common.security;

import io.smallrye.jwt.auth.principal.ParseException;

/** Why a bearer token was refused; the reason is safe to show to the caller (SPEC §3). */
public class TokenRejectedException extends ParseException {

    public TokenRejectedException(String reason) {
        super(reason);
    }

    public String reason() {
        return getMessage();
    }
}
