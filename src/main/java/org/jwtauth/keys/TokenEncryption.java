package org.jwtauth.keys;

import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.jwtauth.common.config.AuthConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Optional nested tokens (SPEC §4): a signed access token wrapped in a JWE ({@code RSA-OAEP-256} or
 * {@code ECDH-ES}, content {@code A256GCM}) to the service's own encryption key, kept in the database
 * like the managed signing keys so every replica can decrypt. A JWE alone proves nothing (anyone with
 * the public key can make one): the verifier always checks the signed token inside.
 */
@ApplicationScoped
public class TokenEncryption {

    static final String CONTENT_ALGORITHM = ContentEncryptionAlgorithmIdentifiers.AES_256_GCM;

    private final AuthConfig.Token.Encryption settings;
    private final KeyRepository repository;
    private final ManagedKeys managed;
    private final Clock clock;
    private volatile Map<String, EncryptionKey> keysByKid = Map.of();

    TokenEncryption(AuthConfig config, KeyRepository repository, ManagedKeys managed, Clock clock) {
        this.clock = clock;
        this.settings = config.token().encryption();
        this.repository = repository;
        this.managed = managed;
    }

    /** One decryption key with its public half. */
    record EncryptionKey(String kid, String algorithm, PublicKey publicKey, Key privateKey, Instant createdAt) {
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled()) {
            keysByKid = QuarkusTransaction.requiringNew().call(this::ensureKey).stream()
                    .collect(Collectors.toUnmodifiableMap(EncryptionKey::kid, Function.identity()));
        }
    }

    public boolean enabled() {
        return settings.enabled();
    }

    private List<EncryptionKey> ensureKey() {
        repository.lockKeyGeneration();
        List<SigningKeyEntity> rows = repository.listByUse(SigningKeyEntity.ENCRYPTION);
        if (rows.stream().noneMatch(row -> row.algorithm.equals(settings.algorithm()))) {
            Instant now = clock.instant();
            SigningKeyEntity row = managed.newEntity(settings.algorithm(), SigningKeyEntity.ENCRYPTION, now, now);
            repository.persist(row);
            rows = List.of(row);
        }
        return rows.stream().map(this::toKey).toList();
    }

    private EncryptionKey toKey(SigningKeyEntity row) {
        try {
            PublicKey publicKey = PublicJsonWebKey.Factory.newPublicJwk(row.publicJwk).getPublicKey();
            return new EncryptionKey(row.kid, row.algorithm, publicKey, managed.decryptPrivateKey(row), row.createdAt);
        } catch (JoseException e) {
            throw new IllegalStateException("Stored encryption key " + row.kid + " cannot be read", e);
        }
    }

    /** The newest key of the configured algorithm: the one new tokens are encrypted to. */
    EncryptionKey currentKey() {
        return keysByKid.values().stream()
                .filter(k -> k.algorithm().equals(settings.algorithm()))
                .max(Comparator.comparing(EncryptionKey::createdAt))
                .orElseThrow(() -> new IllegalStateException("No token encryption key"));
    }

    /** Wraps a signed token in a JWE; {@code cty: JWT} says a token is inside (RFC 7519 §5.2). */
    public String encrypt(String signedToken) {
        EncryptionKey key = currentKey();
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmHeaderValue(key.algorithm());
            jwe.setEncryptionMethodHeaderParameter(CONTENT_ALGORITHM);
            jwe.setContentTypeHeaderValue("JWT");
            jwe.setKeyIdHeaderValue(key.kid());
            jwe.setKey(key.publicKey());
            jwe.setPayload(signedToken);
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot encrypt the access token", e);
        }
    }

    /**
     * The content of a JWE made for one of the service's keys with the configured algorithms, or empty
     * when it is not one (unknown kid, other algorithm, compressed, tampered).
     */
    public Optional<String> decrypt(String token) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    settings.algorithm()));
            jwe.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, CONTENT_ALGORITHM));
            jwe.setCompactSerialization(token);
            EncryptionKey key = jwe.getKeyIdHeaderValue() == null ? null : keysByKid.get(jwe.getKeyIdHeaderValue());
            // compression inside encryption leaks sizes and invites decompression bombs: never accepted
            if (key == null || !key.algorithm().equals(settings.algorithm()) || jwe.getHeader("zip") != null
                    || jwe.getHeaders().getObjectHeaderValue("crit") != null) {
                return Optional.empty();
            }
            jwe.setKey(key.privateKey());
            return Optional.of(jwe.getPayload());
        } catch (JoseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The public key tokens are encrypted to (tests build hostile JWEs with it). */
    public PublicKey publicKey() {
        return currentKey().publicKey();
    }

    public String keyId() {
        return currentKey().kid();
    }
}
