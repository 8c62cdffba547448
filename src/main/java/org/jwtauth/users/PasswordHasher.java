package org.jwtauth.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;

/**
 * Argon2id password hashes (OWASP minimum: 19 MiB, 2 iterations, 1 lane) in PHC string form, computed by
 * Bouncy Castle. A hash made with weaker parameters is flagged so the next successful login upgrades it.
 * At most {@code auth.password.max-concurrent-hashes} hashes run at once (SPEC §7): each holds 19 MiB,
 * so an unbounded flood of logins would exhaust the heap; a caller that waits longer than
 * {@code auth.password.hash-wait} for a slot gets 503.
 * <p>
 * The 19 MiB of each slot are allocated once and reused (Bouncy Castle's block pool, cleared after every
 * hash): a hash lives longer than the young generation between two collections, so fresh memory for each
 * one was promoted and turned into 19 MiB of old-generation garbage per login, one full collection after
 * another under a login flood with a small heap.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final long RETRY_AFTER_SECONDS = 1;

    private static final int TYPE = Argon2Parameters.ARGON2_id;
    private static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;

    private final SecureRandom random = new SecureRandom();
    private final Argon2BytesGenerator.BlockPool blocks;
    // Compared against when the user does not exist, so both cases cost one Argon2 run. A constant hash
    // made once with the parameters above (hashing one at start put a whole Argon2 run on the start path);
    // PasswordHasherTest keeps it in step with them.
    static final String DUMMY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$B35rFdCjDWlXmhdhSJ4Hrw$TnlI5eenmQeeE2/WF13bVtFdp9sc7T5gY6jo7HyIu24";
    // fair: under a flood, the longest waiter gets the next slot instead of a random newcomer
    private final Semaphore slots;
    private final Duration wait;
    private final Counter verifications;
    private final Counter hashes;

    PasswordHasher(AuthConfig config, MeterRegistry registry) {
        int maxConcurrent = config.password().effectiveMaxConcurrentHashes();
        this.slots = new Semaphore(maxConcurrent, true);
        // one 1 KiB block per KiB of memory; a stored hash with more memory than ours takes extra blocks for its run
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(maxConcurrent * MEMORY_KIB);
        this.wait = config.password().hashWait();
        this.verifications = Counter.builder("auth.password.verifications")
                .description("Password hashes compared, real or dummy").register(registry);
        this.hashes = Counter.builder("auth.password.hashes")
                .description("New password hashes computed (registration, user creation, password change)").register(registry);
        Gauge.builder("auth.password.hashes.waiting", slots, Semaphore::getQueueLength)
                .description("Requests waiting for a free password hash slot").register(registry);
    }

    public String hash(String password) {
        hashes.increment();
        return bounded(() -> {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            Argon2PhcString fresh = new Argon2PhcString(TYPE, VERSION, MEMORY_KIB, ITERATIONS, PARALLELISM, salt, new byte[0]);
            return fresh.withHash(compute(password, fresh, HASH_BYTES)).format();
        });
    }

    public boolean matches(String password, String hash) {
        verifications.increment();
        return bounded(() -> verify(password, hash));
    }

    /** Spends the same time as {@link #matches} for a user that does not exist. */
    public void matchDummy(String password) {
        verifications.increment();
        bounded(() -> verify(password, DUMMY_HASH));
    }

    /** Whether a hash that just matched is weaker than what a new one gets (older type, less memory, fewer passes). */
    public boolean needsUpgrade(String hash) {
        try {
            Argon2PhcString stored = Argon2PhcString.parse(hash);
            return stored.type() != TYPE || stored.memoryKib() < MEMORY_KIB || stored.iterations() < ITERATIONS;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A malformed stored hash matches nothing (it cannot have come from a password). */
    private boolean verify(String password, String hash) {
        Argon2PhcString stored;
        try {
            stored = Argon2PhcString.parse(hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(compute(password, stored, stored.hash().length), stored.hash());
    }

    /** The Argon2 output of this length for this password with the hash's type, version, parameters and salt. */
    private byte[] compute(String password, Argon2PhcString with, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(with.parameters(blocks));
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private <T> T bounded(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthException.temporarilyUnavailable(RETRY_AFTER_SECONDS);
        }
        if (!acquired) {
            throw AuthException.temporarilyUnavailable(RETRY_AFTER_SECONDS);
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
