package org.jwtauth.verification;

/** The request carries more than one {@code Authorization} header: refused, never guessed at. */
public class MalformedAuthorizationException extends RuntimeException {

    public MalformedAuthorizationException(String message) {
        super(message, null, false, false);
    }
}
