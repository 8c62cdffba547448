package org.jwtauth.verification;

import io.smallrye.jwt.auth.principal.ParseException;

/** Why a bearer token was refused; the reason is safe to show to the caller (SPEC §3). */
public class TokenRejectedException extends ParseException {

    private final String code;

    /** @param code a short stable tag for metrics, such as {@code expired} or {@code signature} */
    public TokenRejectedException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public TokenRejectedException(String reason) {
        this("invalid", reason);
    }

    public String code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }
}
