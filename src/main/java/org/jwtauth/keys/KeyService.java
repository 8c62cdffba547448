package org.jwtauth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.lifecycle.AfterStart;
import org.jwtauth.common.error.AuthException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Holds the signing keys in memory: picks the current signing key and finds verification keys by
 * {@code kid}. Keys come from the database (managed, rotated on a schedule), from files, or from
 * the HS256 secret; every replica re-reads them each {@code auth.keys.refresh-interval}.
 */
@Singleton
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);
    static final Duration NEXT_KEY_DELAY = Duration.ofSeconds(2);
    private static final long NEXT_KEY_WAIT_SECONDS = 30;

    private final AuthConfig config;
    private final ManagedKeys managed;
    private final Event<KeyRotated> rotated;
    private final Clock clock;
    private final Counter rotations;
    private final Counter unknownKidReloads;
    private final long reloadIntervalNanos;
    private final AtomicLong lastReloadRequest;
    // read on every verified request: built once
    private final Set<String> verificationAlgorithms;
    private volatile KeySettings.Source source;
    private volatile Map<String, SigningKey> keysByKid = Map.of();
    private final AtomicLong readsStarted = new AtomicLong();
    private final Object installLock = new Object();
    private long installedRead; // guarded by installLock
    // the next key a first start left for later; null once made
    private volatile FutureTask<Void> pendingNextKey;

    KeyService(AuthConfig config, ManagedKeys managed, MeterRegistry registry, Event<KeyRotated> rotated, Clock clock) {
        this.config = config;
        this.managed = managed;
        this.rotated = rotated;
        this.clock = clock;
        this.rotations = registry.counter("auth.key.rotations");
        this.unknownKidReloads = registry.counter("auth.key.reloads", "trigger", "unknown_kid");
        this.reloadIntervalNanos = config.keys().unknownKidReloadInterval().toNanos();
        this.verificationAlgorithms = Set.of(config.keys().algorithm());
        this.lastReloadRequest = new AtomicLong(System.nanoTime() - reloadIntervalNanos);
    }

    void onStart(@Observes StartupEvent event, AfterStart afterStart) {
        start();
        FutureTask<Void> next = pendingNextKey;
        if (next != null) {
            afterStart.runLater("next-signing-key", NEXT_KEY_DELAY, next);
        }
    }

    /**
     * Validates the settings and loads the keys, creating the first managed one if there is none. A first
     * start makes only the current key: generating an RSA key pair costs a quarter of a second of a cold
     * core, so the next key follows {@link #NEXT_KEY_DELAY} later, or at once for whoever asks for the
     * published keys, the key list or a rotation first.
     */
    void start() {
        source = KeySettings.validate(config);
        if (source == KeySettings.Source.MANAGED && !managed.maintainCurrent()) {
            pendingNextKey = new FutureTask<>(() -> {
                managed.maintain();
                reload();
                return null;
            });
        }
        reload();
        if (!hasSigningKey()) {
            throw new IllegalStateException("No signing key for auth.keys.algorithm=" + config.keys().algorithm());
        }
        LOG.infof("Signing with %s key %s (%s keys)", config.keys().algorithm(), currentSigningKey().kid(),
                source.name().toLowerCase());
    }

    /** Makes the next key now if the start left it for later, or waits while another thread makes it. */
    private void awaitNextKey() {
        FutureTask<Void> next = pendingNextKey;
        if (next == null) {
            return;
        }
        next.run(); // does nothing when it runs or ran elsewhere
        try {
            next.get(NEXT_KEY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // the database may be away: the scheduled refresh makes the key later, as for any maintenance
            LOG.warnf("Could not create the next signing key: %s", e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warn("Still creating the next signing key; answering with the keys loaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (next.isDone()) {
                pendingNextKey = null;
            }
        }
    }

    /** Runs the rotation schedule and picks up keys created or rotated by other replicas. */
    @Scheduled(every = "${auth.keys.refresh-interval}", delayed = "${auth.keys.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        if (source == null) {
            return; // start-up has not loaded the keys yet; the schedule may fire before it ends
        }
        try {
            if (source == KeySettings.Source.MANAGED) {
                List<String> created = managed.maintain();
                rotations.increment(created.size());
                if (!created.isEmpty()) {
                    rotated.fire(new KeyRotated(false, null, created));
                }
            }
            reload();
        } catch (RuntimeException e) {
            // keep signing with the keys in memory; the next run tries again
            LOG.warnf("Could not refresh the signing keys: %s", e.getMessage());
        }
    }

    /** Reads the keys from their source and puts them in memory (see {@link #install}). */
    void reload() {
        install(read());
    }

    /** The keys as the source holds them now, numbered in the order the reads started. */
    Loaded read() {
        long number = readsStarted.incrementAndGet();
        List<SigningKey> loaded = switch (source) {
            case MANAGED -> managed.load(keysByKid);
            case FILES -> KeyFiles.load(config.keys().files().orElseThrow(), config.keys().algorithm());
            case SECRET -> List.of(HmacSecret.load(config.keys().hmacSecret().orElseThrow(), clock.instant()));
        };
        return new Loaded(number, loaded);
    }

    /**
     * Puts a read's keys in memory, unless a read that started later is there already. Reloads run at once
     * (the schedule, an unknown kid, a rotation here) and may finish out of order: the one that read the
     * store first would otherwise put back a key the later one saw deleted or retired, trusted again until
     * the next refresh. Reads run unlocked, so a slow database holds up no other reload.
     */
    void install(Loaded read) {
        synchronized (installLock) {
            if (read.number() < installedRead) {
                return;
            }
            installedRead = read.number();
            keysByKid = read.keys().stream().collect(Collectors.toUnmodifiableMap(SigningKey::kid, Function.identity()));
        }
    }

    /** One read of the keys; {@code number} orders it among all reads since start. */
    record Loaded(long number, List<SigningKey> keys) {
    }

    /** The key that signs new tokens: the most recently activated key of the configured algorithm. */
    public SigningKey currentSigningKey() {
        Instant now = clock.instant();
        Comparator<SigningKey> newest = Comparator.comparing(SigningKey::activatesAt);
        Optional<SigningKey> active = signingCandidates().filter(k -> k.isActiveAt(now)).max(newest);
        // keys in memory may lag a rotation made elsewhere: the newest activated key is still published
        return active.or(() -> signingCandidates().filter(k -> !k.activatesAt().isAfter(now)).max(newest))
                .orElseThrow(() -> new IllegalStateException("No active signing key"));
    }

    private Stream<SigningKey> signingCandidates() {
        return keysByKid.values().stream().filter(k -> k.canSign() && k.algorithm().equals(config.keys().algorithm()));
    }

    public boolean hasSigningKey() {
        Instant now = clock.instant();
        return signingCandidates().anyMatch(k -> k.isActiveAt(now));
    }

    /**
     * The key with this {@code kid} while it is published. An unknown kid may be a key another replica
     * just made: it starts one reload on a worker thread (at most one per
     * {@code auth.keys.unknown-kid-reload-interval}), and this token is refused, so a flood of forged
     * kids never reaches the database more often than that and the event loop never waits for it.
     */
    public Optional<SigningKey> findVerificationKey(String kid) {
        return findVerificationKey(kid, clock.instant());
    }

    /** As {@link #findVerificationKey(String)}, at {@code now} (the caller's one reading of the clock). */
    public Optional<SigningKey> findVerificationKey(String kid, Instant now) {
        SigningKey key = keysByKid.get(kid);
        if (key == null) {
            requestReload();
            return Optional.empty();
        }
        return key.isPublishedAt(now) ? Optional.of(key) : Optional.empty();
    }

    private void requestReload() {
        long now = System.nanoTime();
        long last = lastReloadRequest.get();
        if (source == KeySettings.Source.SECRET || now - last < reloadIntervalNanos
                || !lastReloadRequest.compareAndSet(last, now)) {
            return;
        }
        unknownKidReloads.increment();
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warnf("Could not reload the signing keys: %s", e.getMessage());
            }
        });
    }

    /** How many reloads unknown kids have caused since start. */
    long unknownKidReloadCount() {
        return (long) unknownKidReloads.count();
    }

    /**
     * The keys as loaded now, as an opaque value that changes with every reload: a key found in one
     * stays what it was (dates included) while this value is the same.
     */
    public Object keysVersion() {
        return keysByKid;
    }

    /** Algorithms a token may carry: only the configured one, never {@code none}, never HMAC with key pairs. */
    public Set<String> verificationAlgorithms() {
        return verificationAlgorithms;
    }

    /** Every public key that may have signed a still-valid token (none for HS256). */
    public List<SigningKey> publishedKeys() {
        awaitNextKey();
        Instant now = clock.instant();
        return keysByKid.values().stream()
                .filter(k -> k.publicJwk() != null && k.isPublishedAt(now))
                .sorted(Comparator.comparing(SigningKey::activatesAt))
                .toList();
    }

    /** Every key the service holds, with its state; never a private part. */
    public List<KeyView> listKeys() {
        awaitNextKey();
        Instant now = clock.instant();
        return keysByKid.values().stream()
                .sorted(Comparator.comparing(SigningKey::activatesAt).thenComparing(SigningKey::kid))
                .map(k -> KeyView.of(k, now))
                .toList();
    }

    /** Promotes the next key to current at once and publishes a fresh next key (managed keys only). */
    public List<KeyView> rotate() {
        if (source != KeySettings.Source.MANAGED) {
            String setting = source == KeySettings.Source.FILES ? KeyFiles.SETTING : HmacSecret.SETTING;
            throw new AuthException(409, "conflict", "Keys come from " + setting
                    + "; rotate them by changing that setting, not through the API.");
        }
        awaitNextKey();
        List<String> created = managed.promoteNext();
        rotations.increment();
        reload();
        rotated.fire(new KeyRotated(true, currentSigningKey().kid(), created));
        LOG.infof("Signing keys rotated on request: now signing with %s", currentSigningKey().kid());
        return listKeys();
    }
}
