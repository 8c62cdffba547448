package org.jwtauth.verification;

import java.util.Map;

import org.jwtauth.common.error.ApiProblem;
import org.jwtauth.common.error.BearerChallenges;

/** The request carries more than one {@code Authorization} header: refused, never guessed at. */
public class MalformedAuthorizationException extends RuntimeException implements ApiProblem {

    public MalformedAuthorizationException(String message) {
        super(message, null, false, false);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String error() {
        return "invalid_request";
    }

    @Override
    public String description() {
        return getMessage();
    }

    @Override
    public Map<String, String> headers(String realm) {
        return Map.of("WWW-Authenticate", BearerChallenges.invalidRequest(realm, getMessage()));
    }
}
