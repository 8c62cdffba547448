package org.jwtauth.users;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;

/**
 * Argon2id password hashes (OWASP minimum: 19 MiB, 2 iterations, 1 lane) in PHC string form.
 * A hash made with weaker parameters is flagged so the next successful login upgrades it.
 * At most {@code auth.password.max-concurrent-hashes} hashes run at once (SPEC §7): each holds 19 MiB,
 * so an unbounded flood of logins would exhaust the heap; a caller that waits longer than
 * {@code auth.password.hash-wait} for a slot gets 503.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final long RETRY_AFTER_SECONDS = 1;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
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
        this.slots = new Semaphore(config.password().effectiveMaxConcurrentHashes(), true);
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
        return bounded(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        verifications.increment();
        return bounded(() -> encoder.matches(password, hash));
    }

    /** Spends the same time as {@link #matches} for a user that does not exist. */
    public void matchDummy(String password) {
        verifications.increment();
        bounded(() -> encoder.matches(password, DUMMY_HASH));
    }

    public boolean needsUpgrade(String hash) {
        return encoder.upgradeEncoding(hash);
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
