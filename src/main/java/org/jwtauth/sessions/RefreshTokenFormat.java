package org.jwtauth.sessions;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.crypto.MasterKey;

/**
 * Refresh tokens that name their session and user under a MAC. Still opaque to clients and still
 * 256 random bits stored only as a hash (SPEC §2), but a refresh goes straight to its rows by id:
 * no lookup by hash, and no row kept for each token issued. The MAC, under a subkey of the master
 * key that every replica shares, is what makes the names trustworthy: nobody can make a token that
 * names someone else's session, so a well-formed token of a session that is neither its live token
 * nor the one before is an old token of it, reused (theft, §2) — without a history of every token.
 * <p>
 * Tokens issued before this format (43 characters, found through {@code refresh_tokens}) read as
 * empty here and keep working by their stored hash until their session rotates to this format.
 */
@ApplicationScoped
class RefreshTokenFormat {

    /** A token's session and user, as its MAC vouches for them. */
    record Named(UUID sessionId, UUID userId) {
    }

    private static final byte VERSION = 2;
    private static final int RANDOM_BYTES = 32;
    private static final int TAG_BYTES = 16;
    private static final int SIGNED_BYTES = 1 + 16 + 16 + RANDOM_BYTES;
    private static final int TOKEN_BYTES = SIGNED_BYTES + TAG_BYTES;
    /** The length of every token of this format: 81 bytes in base64url without padding. */
    static final int LENGTH = (TOKEN_BYTES * 4 + 2) / 3;
    static final String MAC_KEY_PURPOSE = "refresh-token-mac";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec macKey;

    RefreshTokenFormat(MasterKey masterKey) {
        this.macKey = new SecretKeySpec(masterKey.deriveKey(MAC_KEY_PURPOSE), "HmacSHA256");
    }

    /** A new token of the session, for its user. */
    String issue(UUID sessionId, UUID userId) {
        ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES);
        token.put(VERSION);
        token.putLong(sessionId.getMostSignificantBits()).putLong(sessionId.getLeastSignificantBits());
        token.putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits());
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        token.put(secret);
        token.put(tag(token.array()));
        return ENCODER.encodeToString(token.array());
    }

    /** The session and user a token of this format names; empty for any other input or a wrong MAC. */
    Optional<Named> read(String token) {
        if (token == null || token.length() != LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // one canonical spelling per token: the stored hash is of the text, so no second text may pass for it
        if (bytes.length != TOKEN_BYTES || bytes[0] != VERSION || !ENCODER.encodeToString(bytes).equals(token)) {
            return Optional.empty();
        }
        byte[] tag = Arrays.copyOfRange(bytes, SIGNED_BYTES, TOKEN_BYTES);
        if (!MessageDigest.isEqual(tag, tag(bytes))) {
            return Optional.empty();
        }
        ByteBuffer names = ByteBuffer.wrap(bytes, 1, 32);
        return Optional.of(new Named(new UUID(names.getLong(), names.getLong()), new UUID(names.getLong(), names.getLong())));
    }

    private byte[] tag(byte[] token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            mac.update(token, 0, SIGNED_BYTES);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
