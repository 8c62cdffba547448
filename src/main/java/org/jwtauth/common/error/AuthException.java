package org.jwtauth.common.error;

import java.util.Map;

/** A refusal with a stable OAuth-style error code, an HTTP status and optional headers. */
public class AuthException extends RuntimeException implements ApiProblem {

    private final int status;
    private final String error;
    private final Map<String, String> headers;

    public AuthException(int status, String error, String description) {
        this(status, error, description, Map.of());
    }

    public AuthException(int status, String error, String description, Map<String, String> headers) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = headers;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String error() {
        return error;
    }

    @Override
    public String description() {
        return getMessage();
    }

    @Override
    public Map<String, String> headers(String realm) {
        return headers;
    }

    public static AuthException invalidRequest(String description) {
        return new AuthException(400, "invalid_request", description);
    }

    /** Same text for an unknown user, a wrong password and a disabled account. */
    public static AuthException invalidCredentials() {
        return new AuthException(400, "invalid_grant", "Invalid username or password.");
    }

    public static AuthException invalidGrant(String description) {
        return new AuthException(400, "invalid_grant", description);
    }

    public static AuthException invalidScope(String description) {
        return new AuthException(400, "invalid_scope", description);
    }

    /** The value is not repeated back: a client that put a credential in the wrong field must not see it echoed. */
    public static AuthException unsupportedGrantType(String grantType) {
        return new AuthException(400, "unsupported_grant_type",
                "That grant_type is not supported; use password, refresh_token or client_credentials.");
    }

    public static AuthException invalidClient() {
        return new AuthException(401, "invalid_client", "Client authentication failed.",
                Map.of("WWW-Authenticate", "Basic realm=\"jwt-auth-service\""));
    }

    /** RFC 6749 §5.2: the client may not use this grant type. */
    public static AuthException unauthorizedClient(String description) {
        return new AuthException(400, "unauthorized_client", description);
    }

    public static AuthException loginFailed() {
        return new AuthException(401, "invalid_grant", "Invalid username or password.");
    }

    public static AuthException userExists() {
        return new AuthException(409, "conflict", "That username is taken.");
    }

    public static AuthException clientExists() {
        return new AuthException(409, "conflict", "That client_id is taken.");
    }

    public static AuthException weakPassword(String reason) {
        return new AuthException(400, "invalid_password", reason);
    }

    /** The service is saturated (no free password hash slot); the client may retry shortly. */
    public static AuthException temporarilyUnavailable(long retryAfterSeconds) {
        return new AuthException(503, "temporarily_unavailable", "The service is busy; try again shortly.",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static AuthException notFound(String what) {
        return new AuthException(404, "not_found", what + " not found.");
    }

    public static AuthException notEnabled(String what) {
        return new AuthException(404, "not_found", what + " is not enabled.");
    }
}
