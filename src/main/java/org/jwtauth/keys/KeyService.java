package org.jwtauth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.jwtauth.common.config.AuthConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Holds the managed signing keys in memory: picks the current signing key and finds verification
 * keys by {@code kid}. Keys live in the database so every replica signs with the same one.
 */
@ApplicationScoped
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);

    private final AuthConfig config;
    private final KeyRepository repository;
    private final MasterKey masterKey;
    private volatile Map<String, SigningKey> keysByKid = Map.of();

    public KeyService(AuthConfig config, KeyRepository repository, MasterKey masterKey) {
        this.config = config;
        this.repository = repository;
        this.masterKey = masterKey;
    }

    void onStart(@Observes StartupEvent event) {
        if (!KeyAlgorithms.ASYMMETRIC.contains(config.keys().algorithm())) {
            throw new IllegalStateException("auth.keys.algorithm=" + config.keys().algorithm()
                    + " is not supported; use one of " + KeyAlgorithms.ASYMMETRIC);
        }
        QuarkusTransaction.requiringNew().run(this::ensureSigningKey);
        reload();
    }

    /** Replicas pick up keys created elsewhere without a restart. */
    @Scheduled(every = "${auth.keys.refresh-interval:15s}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(this::reload);
    }

    private void ensureSigningKey() {
        repository.lockKeyGeneration();
        Instant now = Instant.now();
        boolean hasActive = repository.listAll().stream()
                .anyMatch(k -> k.algorithm.equals(config.keys().algorithm()) && isActive(k, now));
        if (!hasActive) {
            repository.persist(newKey(config.keys().algorithm(), now));
        }
    }

    private static boolean isActive(SigningKeyEntity key, Instant now) {
        return !key.activatesAt.isAfter(now) && (key.retiresAt == null || key.retiresAt.isAfter(now));
    }

    private SigningKeyEntity newKey(String algorithm, Instant now) {
        KeyPair pair = KeyAlgorithms.generate(algorithm);
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            String kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(kid);
            jwk.setAlgorithm(algorithm);
            jwk.setUse("sig");
            SigningKeyEntity entity = new SigningKeyEntity();
            entity.kid = kid;
            entity.algorithm = algorithm;
            entity.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            entity.privateKey = masterKey.encrypt(pair.getPrivate().getEncoded(), kid);
            entity.createdAt = now;
            entity.activatesAt = now;
            LOG.infof("Generated %s signing key %s", algorithm, kid);
            return entity;
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot describe the new key as a JWK", e);
        }
    }

    private void reload() {
        Map<String, SigningKey> previous = keysByKid;
        Map<String, SigningKey> loaded = new HashMap<>();
        for (SigningKeyEntity entity : repository.listAll()) {
            SigningKey known = previous.get(entity.kid);
            loaded.put(entity.kid, known != null && sameDates(known, entity) ? known : toSigningKey(entity));
        }
        keysByKid = Map.copyOf(loaded);
    }

    private static boolean sameDates(SigningKey key, SigningKeyEntity entity) {
        return key.activatesAt().equals(entity.activatesAt) && Objects.equals(key.retiresAt(), entity.retiresAt);
    }

    private SigningKey toSigningKey(SigningKeyEntity entity) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(entity.publicJwk);
            byte[] der = masterKey.decrypt(entity.privateKey, entity.kid);
            PrivateKey privateKey = KeyFactory.getInstance(KeyAlgorithms.keyFactoryAlgorithm(entity.algorithm))
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            return new SigningKey(entity.kid, entity.algorithm, jwk, privateKey,
                    entity.createdAt, entity.activatesAt, entity.retiresAt);
        } catch (JoseException | GeneralSecurityException e) {
            throw new IllegalStateException("Stored key " + entity.kid + " cannot be read", e);
        }
    }

    /** The key that signs new tokens: the most recently activated key of the configured algorithm. */
    public SigningKey currentSigningKey() {
        Instant now = Instant.now();
        return keysByKid.values().stream()
                .filter(k -> k.algorithm().equals(config.keys().algorithm()) && k.isActiveAt(now))
                .max(Comparator.comparing(SigningKey::activatesAt))
                .orElseThrow(() -> new IllegalStateException("No active signing key"));
    }

    public boolean hasSigningKey() {
        Instant now = Instant.now();
        return keysByKid.values().stream().anyMatch(k -> k.algorithm().equals(config.keys().algorithm()) && k.isActiveAt(now));
    }

    public Optional<SigningKey> findVerificationKey(String kid) {
        return Optional.ofNullable(keysByKid.get(kid));
    }

    /** Algorithms a token may carry: only the configured one, never {@code none} or HMAC. */
    public Set<String> verificationAlgorithms() {
        return Set.of(config.keys().algorithm());
    }

    /** Every key that may have signed a still-valid token. */
    public List<SigningKey> publishedKeys() {
        return keysByKid.values().stream()
                .sorted(Comparator.comparing(SigningKey::activatesAt))
                .toList();
    }
}
