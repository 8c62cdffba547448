package org.jwtauth.clients;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jwtauth.common.error.AuthException;

/**
 * Client id and secret from HTTP Basic (RFC 6749 §2.3.1) or from body parameters; a public client
 * names itself with {@code client_id} alone (RFC 6749 §3.2.1), so the secret may be null.
 */
public record ClientCredentials(String clientId, String clientSecret) {

    public boolean hasSecret() {
        return clientSecret != null;
    }

    /** Null when the request names no client at all. */
    public static ClientCredentials from(String authorizationHeader, String bodyId, String bodySecret) {
        ClientCredentials basic = fromBasic(authorizationHeader);
        if (basic != null) {
            if (bodySecret != null) {
                throw AuthException.invalidRequest("Use one client authentication method, not two.");
            }
            return basic;
        }
        if (bodyId == null && bodySecret == null) {
            return null;
        }
        if (bodyId == null) {
            throw AuthException.invalidClient();
        }
        return new ClientCredentials(bodyId, bodySecret);
    }

    private static ClientCredentials fromBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw AuthException.invalidClient();
            }
            return new ClientCredentials(
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw AuthException.invalidClient();
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + "]"; // never the secret
    }
}
