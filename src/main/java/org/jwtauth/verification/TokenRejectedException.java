package org.jwtauth.verification;

import java.util.Map;

import io.smallrye.jwt.auth.principal.ParseException;

import org.jwtauth.common.error.ApiProblem;
import org.jwtauth.common.error.BearerChallenges;

/** A bearer token refused for one {@link Rejection}: 401 {@code invalid_token} with the RFC 6750 challenge. */
public class TokenRejectedException extends ParseException implements ApiProblem {

    private final Rejection rejection;

    public TokenRejectedException(Rejection rejection) {
        super(rejection.text());
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String error() {
        return "invalid_token";
    }

    @Override
    public String description() {
        return rejection.text();
    }

    @Override
    public Map<String, String> headers(String realm) {
        return Map.of("WWW-Authenticate", BearerChallenges.invalidToken(realm, rejection.text()));
    }
}
