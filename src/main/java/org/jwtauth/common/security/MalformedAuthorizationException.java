package org.jwtauth.common.security;

/** The request carries more than one {@code Authorization} header: refused, never guessed at. */
public class MalformedAuthorizationException extends RuntimeException {

    public MalformedAuthorizationException(String message) {
        super(message, null, false, false);
    }
}
