package org.jwtauth.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A managed key as stored: public JWK in clear, private part encrypted under the master key. */
@Entity
@Table(name = "signing_keys")
public class SigningKeyEntity {

    static final String SIGNING = "sig";
    static final String ENCRYPTION = "enc";

    @Id
    public String kid;

    @Column(nullable = false)
    public String algorithm;

    /** {@code sig} for signing keys, {@code enc} for the key that decrypts nested tokens. */
    @Column(name = "key_use", nullable = false)
    public String keyUse = SIGNING;

    @Column(name = "public_jwk", nullable = false)
    public String publicJwk;

    @Column(name = "private_key", nullable = false)
    public String privateKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "activates_at", nullable = false)
    public Instant activatesAt;

    @Column(name = "retires_at")
    public Instant retiresAt;
}
