package org.jwtauth.sessions;

import org.jwtauth.common.crypto.RandomTokens;

/**
 * Opaque random values (256 bits: the browser session's cookie, and refresh tokens issued before
 * {@link RefreshTokenFormat}) and the SHA-256 hash under which every refresh token is stored.
 */
final class RefreshTokens {

    /** Far longer than any token we issue (108 characters, 43 before); longer input is not looked up at all. */
    static final int MAX_LENGTH = 256;

    private RefreshTokens() {
    }

    static String generate() {
        return RandomTokens.generate();
    }

    // A plain hash suffices: the token carries 256 bits of entropy, so it cannot be guessed from its hash.
    static String hash(String token) {
        return RandomTokens.sha256Hex(token);
    }

    static boolean isPlausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_LENGTH;
    }
}
