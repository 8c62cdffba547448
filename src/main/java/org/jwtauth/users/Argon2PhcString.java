package org.jwtauth.users;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2 hash as a PHC string, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} with unpadded standard
 * Base64: the form the reference implementation, Spring Security and the stored hashes of earlier releases use.
 * Only the text: the hash itself is Bouncy Castle's ({@link PasswordHasher}).
 */
record Argon2PhcString(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

    private static final List<String> TYPES = List.of("argon2d", "argon2i", "argon2id");
    // the version field is absent from hashes of Argon2 1.0 (0x10); parameters come in the order m, t, p
    private static final Pattern FORMAT = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)(?:\\$v=(\\d{1,3}))?\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    /** Reads a stored hash; throws {@code IllegalArgumentException} for anything that is not one. */
    static Argon2PhcString parse(String encoded) {
        Matcher m = encoded == null ? null : FORMAT.matcher(encoded);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not an Argon2 PHC string");
        }
        int version = m.group(2) == null ? Argon2Parameters.ARGON2_VERSION_10 : Integer.parseInt(m.group(2));
        if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
            throw new IllegalArgumentException("unknown Argon2 version");
        }
        long memory = Long.parseLong(m.group(3));
        long iterations = Long.parseLong(m.group(4));
        int parallelism = Integer.parseInt(m.group(5));
        if (memory > Integer.MAX_VALUE || iterations > Integer.MAX_VALUE || iterations < 1 || parallelism < 1
                || memory < 8L * parallelism) {
            throw new IllegalArgumentException("Argon2 parameters out of range");
        }
        Base64.Decoder decoder = Base64.getDecoder();
        byte[] salt = decoder.decode(m.group(6));
        byte[] hash = decoder.decode(m.group(7));
        // Argon2's own minimums (RFC 9106 §3.1): Bouncy Castle would refuse these with an exception
        if (salt.length < 8 || hash.length < 4) {
            throw new IllegalArgumentException("Argon2 salt or hash too short");
        }
        return new Argon2PhcString(TYPES.indexOf(m.group(1)), version, (int) memory, (int) iterations, parallelism, salt, hash);
    }

    String format() {
        return "$" + TYPES.get(type) + "$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    Argon2PhcString withHash(byte[] computed) {
        return new Argon2PhcString(type, version, memoryKib, iterations, parallelism, salt, computed);
    }

    /** Bouncy Castle's parameters for this hash, taking its 1 KiB blocks from {@code blocks}. */
    Argon2Parameters parameters(Argon2BytesGenerator.BlockPool blocks) {
        return new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).withBlockPool(blocks).build();
    }
}
