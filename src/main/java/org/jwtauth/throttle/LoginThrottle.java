package org.jwtauth.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.jwtauth.common.persistence.DataAccessException;
import org.jwtauth.common.persistence.Upkeep;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Failed-login throttling (SPEC §7): per username, consecutive failures lead to a lock that doubles
 * from {@code auth.lockout.initial-lock} to {@code auth.lockout.max-lock}; per client address, too
 * many failures within a window refuse the rest of that window. State lives in the database so every
 * replica enforces it.
 * <p>
 * An attempt is counted <em>before</em> its password is checked: {@link #reserve} counts it as a
 * failure under the row locks of the username and the address, or refuses it with 429; a success
 * then gives the reservation back. So N parallel attempts, on any number of replicas, get at most
 * {@code max-failures} password checks.
 */
@ApplicationScoped
public class LoginThrottle {

    /** A counted attempt whose password check has not been answered yet. */
    public record Attempt(String username, String address, List<LockStarted> locks) {
    }

    public enum Scope { USERNAME, ADDRESS }

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final int IPV6_PREFIX_BYTES = 8;

    private final AuthConfig.Lockout config;
    private final ThrottleRepository repository;
    private final Clock clock;
    private final Event<LockStarted> locks;
    private final Upkeep upkeep;

    LoginThrottle(AuthConfig config, ThrottleRepository repository, Clock clock, Event<LockStarted> locks, Upkeep upkeep) {
        this.config = config.lockout();
        this.repository = repository;
        this.clock = clock;
        this.locks = locks;
        this.upkeep = upkeep;
    }

    /**
     * Counts one attempt for the username and the address (either may be null), or throws a 429
     * with {@code Retry-After} while one of them is locked; then the attempt is not counted.
     */
    public Attempt reserve(String username, String address) {
        return retrying(() -> reserveNow(username, address));
    }

    /** The password was wrong: the reservation stays counted; any lock it started is reported. */
    public void failed(Attempt attempt) {
        attempt.locks().forEach(locks::fire);
    }

    /** The password was right: the username's failures are forgotten, the address's reservation is given back. */
    public void succeeded(Attempt attempt) {
        retrying(() -> {
            if (attempt.username() != null) {
                repository.delete(usernameKey(attempt.username()));
            }
            giveBack(attempt.address() == null ? null : addressKey(attempt.address()), config.maxFailuresPerAddress());
            return null;
        });
    }

    /** The password was never checked (no hash slot): the attempt is not held against anyone. */
    public void released(Attempt attempt) {
        retrying(() -> {
            giveBack(attempt.username() == null ? null : usernameKey(attempt.username()), config.maxFailures());
            giveBack(attempt.address() == null ? null : addressKey(attempt.address()), config.maxFailuresPerAddress());
            return null;
        });
    }

    /** Counts one registration from the address against the per-address limit; 429 once it is reached. */
    public void reserveRegistration(String address) {
        if (address != null) {
            retrying(() -> {
                Instant now = clock.instant();
                ThrottleEntry entry = windowEntry("r:" + sha256(prefix(address)), now);
                refuseWhileLocked(now, entry.lockedUntil);
                countInWindow(entry, now);
                save(entry);
                return null;
            });
        }
    }

    /** An operator cleared the lock: the username may try again at once (its address count stays). */
    public void clearUsername(String username) {
        QuarkusTransaction.requiringNew().run(() -> repository.delete(usernameKey(username)));
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetIdleEntries() {
        upkeep.run("Forgetting idle login throttle entries", () -> {
            Instant now = clock.instant();
            int removed = repository.deleteIdleSince(now.minus(config.forgetAfter()), now);
            LOG.debugf("Forgot %d idle login throttle entries", removed);
        });
    }

    // Both rows are locked (username first, always, so two reservations never deadlock) before either
    // is changed: a refused attempt changes nothing.
    private Attempt reserveNow(String username, String address) {
        Instant arrived = clock.instant();
        ThrottleEntry user = username == null ? null : entryForUpdate(usernameKey(username), arrived);
        // read after the lock wait: a lock set by the attempt we queued behind is measured from now
        Instant now = clock.instant();
        ThrottleEntry place = address == null ? null : windowEntry(addressKey(address), now);
        refuseWhileLocked(now, later(user == null ? null : user.lockedUntil, place == null ? null : place.lockedUntil));
        List<LockStarted> started = new ArrayList<>();
        if (user != null) {
            countUsername(user, now).ifPresent(d -> started.add(new LockStarted(Scope.USERNAME, username, address, d)));
        }
        if (place != null) {
            countInWindow(place, now).ifPresent(d -> started.add(new LockStarted(Scope.ADDRESS, username, address, d)));
        }
        save(user);
        save(place);
        return new Attempt(username, address, List.copyOf(started));
    }

    private void refuseWhileLocked(Instant now, Instant until) {
        if (until != null && until.isAfter(now)) {
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
            throw new AuthException(429, "too_many_requests", "Too many failed logins; try again later.",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private Optional<Duration> countUsername(ThrottleEntry entry, Instant now) {
        entry.failures = now.isAfter(entry.windowStart.plus(config.forgetAfter())) ? 1 : entry.failures + 1;
        entry.windowStart = now;
        if (entry.failures < config.maxFailures()) {
            return Optional.empty();
        }
        // the lock starts with the attempt that reaches the limit; if that one succeeds, the entry goes
        Duration lock = usernameLock(entry.failures - config.maxFailures());
        entry.lockedUntil = now.plus(lock);
        return Optional.of(lock);
    }

    private Optional<Duration> countInWindow(ThrottleEntry entry, Instant now) {
        entry.failures++;
        if (entry.failures < config.maxFailuresPerAddress() || entry.lockedUntil != null) {
            return Optional.empty();
        }
        // the address is refused for the rest of its window
        entry.lockedUntil = entry.windowStart.plus(config.addressWindow());
        return Optional.of(Duration.between(now, entry.lockedUntil));
    }

    /** Undoes one counted attempt, and the lock it may have started. */
    private void giveBack(String key, int limit) {
        if (key == null) {
            return;
        }
        repository.findForUpdate(key).ifPresent(entry -> {
            entry.failures = Math.max(0, entry.failures - 1);
            if (entry.failures < limit) {
                entry.lockedUntil = null;
            }
            save(entry);
        });
    }

    private void save(ThrottleEntry entry) {
        if (entry != null) {
            repository.update(entry);
        }
    }

    /** An address entry, its window restarted when the previous one has passed. */
    private ThrottleEntry windowEntry(String key, Instant now) {
        ThrottleEntry entry = entryForUpdate(key, now);
        if (!now.isBefore(entry.windowStart.plus(config.addressWindow()))) {
            entry.failures = 0;
            entry.windowStart = now;
            entry.lockedUntil = null;
        }
        return entry;
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
        // a concurrent first attempt may insert the same key: the caller retries in a new transaction
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

    // a first failure of the same key inserted meanwhile, or a lock wait that gave up
    private static boolean isConflict(Throwable e) {
        return DataAccessException.isUniqueViolation(e) || DataAccessException.isLockConflict(e);
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
        return "a:" + sha256(prefix(address));
    }

    /**
     * The unit an address is counted in: an IPv4 address, or the /64 network of an IPv6 address
     * (one subscriber usually holds a whole /64, so counting single addresses would not limit them).
     */
    static String prefix(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
                network.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException | SecurityException e) {
            return address; // not a literal: count it as given
        }
    }

    private static String sha256(String text) {
        return RandomTokens.sha256Hex(text);
    }
}
