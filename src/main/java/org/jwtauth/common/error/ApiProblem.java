package org.jwtauth.common.error;

import java.util.Map;

/**
 * A refusal the service answers with its one JSON error body: every exception that carries an
 * answer implements this, so {@link ExceptionMappers} needs to know no feature.
 */
public interface ApiProblem {

    int status();

    /** The stable OAuth-style code, e.g. {@code invalid_grant}. */
    String error();

    /** Safe to show the caller: never a credential, a class name or a stack trace. */
    String description();

    /** Headers of the answer, such as {@code Retry-After} or a {@code WWW-Authenticate} challenge in this realm. */
    default Map<String, String> headers(String realm) {
        return Map.of();
    }
}
