package org.jwtauth.keys;

import java.time.Instant;

/** A managed key as stored (a row of {@code signing_keys}): public JWK in clear, private part encrypted under the master key. */
public class SigningKeyEntity {

    static final String SIGNING = "sig";
    static final String ENCRYPTION = "enc";

    public String kid;

    public String algorithm;

    /** {@code sig} for signing keys, {@code enc} for the key that decrypts nested tokens. */
    public String keyUse = SIGNING;

    public String publicJwk;

    public String privateKey;

    public Instant createdAt;

    public Instant activatesAt;

    public Instant retiresAt;
}
