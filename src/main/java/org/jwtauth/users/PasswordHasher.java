package org.jwtauth.users;

import jakarta.enterprise.context.ApplicationScoped;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes (OWASP minimum: 19 MiB, 2 iterations, 1 lane) in PHC string form.
 * A hash made with weaker parameters is flagged so the next successful login upgrades it.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    // Compared against when the user does not exist, so both cases cost one Argon2 run. A constant hash
    // made once with the parameters above (hashing one at start put a whole Argon2 run on the start path);
    // PasswordHasherTest keeps it in step with them.
    static final String DUMMY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$B35rFdCjDWlXmhdhSJ4Hrw$TnlI5eenmQeeE2/WF13bVtFdp9sc7T5gY6jo7HyIu24";

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the same time as {@link #matches} for a user that does not exist. */
    public void matchDummy(String password) {
        encoder.matches(password, DUMMY_HASH);
    }

    public boolean needsUpgrade(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
