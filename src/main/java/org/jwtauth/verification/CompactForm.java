package org.jwtauth.verification;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The JWS/JWE compact serialization checked strictly (SPEC §3): the right number of parts, each
 * canonical unpadded base64url, JSON not nested deeper than any real token needs. The JOSE library
 * is lenient on all of these, so they are checked before it sees the token.
 */
final class CompactForm {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_JSON_DEPTH = 16;

    private CompactForm() {
    }

    static boolean looksEncrypted(String token) {
        return token.split("\\.", -1).length == 5;
    }

    /** A signed token: header.payload.signature. */
    static void requireSigned(String token) throws TokenRejectedException {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw Rejection.ENCRYPTED_NOT_ACCEPTED.exception();
        }
        if (parts.length != 3) {
            throw Rejection.PARTS.exception();
        }
        for (int i = 0; i < parts.length; i++) {
            // an empty signature is left to the algorithm and signature checks, which name the reason
            boolean emptySignature = i == 2 && parts[i].isEmpty();
            if (!emptySignature && !isCanonicalBase64Url(parts[i])) {
                throw Rejection.BASE64.exception();
            }
        }
        for (int i = 0; i < 2; i++) {
            if (JsonDepth.exceeds(Base64.getUrlDecoder().decode(parts[i]), MAX_JSON_DEPTH)) {
                throw Rejection.NESTED_TOO_DEEP.exception();
            }
        }
    }

    /** An encrypted token: five parts; ECDH-ES (direct key agreement) leaves the encrypted key empty. */
    static void requireEncrypted(String token) throws TokenRejectedException {
        String[] parts = token.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean emptyKey = i == 1 && parts[i].isEmpty();
            if (!emptyKey && !isCanonicalBase64Url(parts[i])) {
                throw Rejection.BASE64.exception();
            }
        }
    }

    /** We accept only the canonical form: no padding, no stray bits, no impossible lengths. */
    private static boolean isCanonicalBase64Url(String part) {
        if (!BASE64URL.matcher(part).matches() || part.length() % 4 == 1) {
            return false;
        }
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(part);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
