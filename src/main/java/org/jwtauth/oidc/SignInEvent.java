package org.jwtauth.oidc;

import java.util.UUID;

/**
 * What happened in the sign-in flow, for the audit: a sign-in through the page or by the browser
 * session, a code exchange, a second use of a code, an RP-initiated logout.
 *
 * @param sessionId the browser session (sign-in, sign-out) or the session a code started (exchange, reuse)
 */
public record SignInEvent(Kind kind, UUID userId, String username, String clientId, UUID sessionId,
        String clientAddress) {

    public enum Kind {
        SIGNED_IN_WITH_PASSWORD, SIGNED_IN_BY_SESSION, CODE_EXCHANGED, CODE_REUSED, SIGNED_OUT
    }
}
