package org.jwtauth.oidc;

/**
 * An authorization request that fails (RFC 6749 §4.1.2.1). When the client or its redirect URI cannot
 * be trusted the error is shown on the service's own page and never redirected; every other error is
 * sent back to the client's redirect URI with {@code error}, {@code error_description} and {@code state}.
 *
 * @param redirectUri where to send the error, or null to show it on a page
 */
public class AuthorizationError extends RuntimeException {

    private final String error;
    private final String redirectUri;
    private final String state;

    private AuthorizationError(String error, String description, String redirectUri, String state) {
        super(description, null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    /** An error for the user's eyes only: nothing proves the redirect URI belongs to the client. */
    public static AuthorizationError onPage(String error, String description) {
        return new AuthorizationError(error, description, null, null);
    }

    /** An error the client hears about at its own (registered) redirect URI. */
    public static AuthorizationError toClient(String redirectUri, String state, String error, String description) {
        return new AuthorizationError(error, description, redirectUri, state);
    }

    public boolean isRedirected() {
        return redirectUri != null;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public String redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }
}
