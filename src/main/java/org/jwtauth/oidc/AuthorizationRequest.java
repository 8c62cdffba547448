package org.jwtauth.oidc;

import java.util.Set;

import org.jwtauth.clients.RegisteredClient;

/**
 * A checked authorization request (OpenID Connect Core §3.1.2.1, RFC 7636): the client and its
 * registered redirect URI, the roles asked for (empty: all of the user's), whether {@code openid} was,
 * and what is echoed or bound into the code.
 *
 * @param maxAge seconds since the sign-in after which it must be repeated, or null
 */
public record AuthorizationRequest(RegisteredClient client, String redirectUri, Set<String> roles, boolean openid,
        String state, String nonce, String codeChallenge, Prompt prompt, Long maxAge) {

    /** {@code prompt}: show the form even within a browser session, never show it, or as needed. */
    public enum Prompt {
        LOGIN, NONE, DEFAULT
    }
}
