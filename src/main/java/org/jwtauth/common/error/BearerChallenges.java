package org.jwtauth.common.error;

/** {@code WWW-Authenticate} values of RFC 6750 §3. */
public final class BearerChallenges {

    private BearerChallenges() {
    }

    public static String missingToken(String realm) {
        return "Bearer realm=\"" + realm + "\"";
    }

    public static String invalidToken(String realm, String description) {
        return "Bearer realm=\"" + realm + "\", error=\"invalid_token\", error_description=\"" + quoteSafe(description) + "\"";
    }

    public static String insufficientScope(String realm, String description) {
        return "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\", error_description=\"" + quoteSafe(description) + "\"";
    }

    public static String invalidRequest(String realm, String description) {
        return "Bearer realm=\"" + realm + "\", error=\"invalid_request\", error_description=\"" + quoteSafe(description) + "\"";
    }

    // error_description must stay within a quoted-string of printable ASCII (RFC 6750 §3).
    private static String quoteSafe(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?").replace("\\", "/").replace("\"", "'");
    }
}
