package org.jwtauth.token;

import java.util.UUID;

/**
 * A token holder ended tokens: a revocation (RFC 7009) or a logout.
 *
 * @param sessionId the session ended, or null
 * @param tokenId   the access token revoked by itself, or null
 */
public record TokensEnded(How how, UUID userId, String username, UUID sessionId, String tokenId) {

    public enum How { REFRESH_TOKEN_REVOKED, ACCESS_TOKEN_REVOKED, LOGOUT, LOGOUT_ALL }
}
