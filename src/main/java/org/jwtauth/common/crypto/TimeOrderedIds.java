package org.jwtauth.common.crypto;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then 74 random bits. Used
 * as {@code jti}, so a token says when it was issued to the millisecond although {@code iat} has
 * whole seconds, and a revocation cut-off can spare tokens issued after it within the same second.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int VERSION = 7;
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private TimeOrderedIds() {
    }

    public static String generate(Instant time) {
        long millis = time.toEpochMilli() & MAX_MILLIS;
        long high = millis << 16 | (long) VERSION << 12 | RANDOM.nextInt(1 << 12);
        long low = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // variant 10
        return new UUID(high, low).toString();
    }

    /** The millisecond a version 7 id was made at; empty for anything else. */
    public static OptionalLong millisOf(String id) {
        if (id == null || id.length() != 36) {
            return OptionalLong.empty();
        }
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.version() != VERSION || uuid.variant() != 2) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(uuid.getMostSignificantBits() >>> 16);
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
