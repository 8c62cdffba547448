package org.jwtauth.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.crypto.RandomTokens;
import org.jwtauth.common.error.AuthException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Failed-login throttling (SPEC §7): per username, consecutive failures lead to a lock that doubles
 * from {@code auth.lockout.initial-lock} to {@code auth.lockout.max-lock}; per client address, too
 * many failures within a window refuse the rest of that window. State lives in the database so every
 * replica enforces it; each update runs in its own transaction under a row lock.
 */
@ApplicationScoped
public class LoginThrottle {

    /** A lock that one failure has just started. */
    public record Lock(Scope scope, Duration duration) {
    }

    public enum Scope { USERNAME, ADDRESS }

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    private static final int MAX_ATTEMPTS = 3;

    private final AuthConfig.Lockout config;
    private final ThrottleRepository repository;
    private final Clock clock;
    private final Event<LockStarted> locks;

    LoginThrottle(AuthConfig config, ThrottleRepository repository, Clock clock, Event<LockStarted> locks) {
        this.config = config.lockout();
        this.repository = repository;
        this.clock = clock;
        this.locks = locks;
    }

    /** Throws a 429 with {@code Retry-After} while the username or the address is locked. */
    public void checkAllowed(String username, String address) {
        Instant now = clock.instant();
        Instant until = QuarkusTransaction.requiringNew().call(() -> later(
                lockedUntil(usernameKey(username)), address == null ? null : lockedUntil(addressKey(address))));
        if (until != null && until.isAfter(now)) {
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
            throw new AuthException(429, "too_many_requests", "Too many failed logins; try again later.",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** Counts one failure for the username and the address; reports each lock it starts. */
    public void recordFailure(String username, String address) {
        retrying(() -> failUsername(usernameKey(username)))
                .ifPresent(lock -> locks.fire(new LockStarted(lock.scope(), username, address, lock.duration())));
        if (address != null) {
            retrying(() -> failAddress(addressKey(address)))
                    .ifPresent(lock -> locks.fire(new LockStarted(lock.scope(), username, address, lock.duration())));
        }
    }

    /** A successful login forgets the username's failures (never the address's). */
    public void recordSuccess(String username) {
        QuarkusTransaction.requiringNew().run(() -> repository.delete(usernameKey(username)));
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleEntries() {
        Instant now = clock.instant();
        int removed = QuarkusTransaction.requiringNew().call(
                () -> repository.deleteIdleSince(now.minus(config.forgetAfter()), now));
        LOG.debugf("Forgot %d idle login throttle entries", removed);
    }

    private Optional<Lock> failUsername(String key) {
        Instant now = clock.instant();
        ThrottleEntry entry = entryForUpdate(key, now);
        entry.failures = now.isAfter(entry.windowStart.plus(config.forgetAfter())) ? 1 : entry.failures + 1;
        entry.windowStart = now;
        if (entry.failures < config.maxFailures()) {
            return Optional.empty();
        }
        Duration lock = usernameLock(entry.failures - config.maxFailures());
        entry.lockedUntil = now.plus(lock);
        return Optional.of(new Lock(Scope.USERNAME, lock));
    }

    private Optional<Lock> failAddress(String key) {
        Instant now = clock.instant();
        ThrottleEntry entry = entryForUpdate(key, now);
        if (!now.isBefore(entry.windowStart.plus(config.addressWindow()))) {
            entry.failures = 0;
            entry.windowStart = now;
            entry.lockedUntil = null;
        }
        entry.failures++;
        if (entry.failures < config.maxFailuresPerAddress() || entry.lockedUntil != null) {
            return Optional.empty();
        }
        // the address is refused for the rest of its window
        entry.lockedUntil = entry.windowStart.plus(config.addressWindow());
        return Optional.of(new Lock(Scope.ADDRESS, Duration.between(now, entry.lockedUntil)));
    }

    /** initial-lock × 2^doublings, at most max-lock. */
    private Duration usernameLock(int doublings) {
        Duration lock = config.initialLock().multipliedBy(1L << Math.min(doublings, 20));
        return lock.compareTo(config.maxLock()) > 0 ? config.maxLock() : lock;
    }

    private ThrottleEntry entryForUpdate(String key, Instant now) {
        Optional<ThrottleEntry> existing = repository.findForUpdate(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        ThrottleEntry entry = new ThrottleEntry();
        entry.key = key;
        entry.failures = 0;
        entry.windowStart = now;
        // a concurrent first failure may insert the same key: the caller retries in a new transaction
        repository.insert(entry);
        return entry;
    }

    private <T> T retrying(Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof jakarta.persistence.EntityExistsException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
        }
        return false;
    }

    private Instant lockedUntil(String key) {
        return repository.find(key).map(e -> e.lockedUntil).orElse(null);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    static String usernameKey(String username) {
        return "u:" + sha256(username.toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return "a:" + sha256(address);
    }

    private static String sha256(String text) {
        return RandomTokens.sha256Hex(text);
    }
}
