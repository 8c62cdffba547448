package org.jwtauth.keys;

import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWEDecryptionKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.jwtauth.testing.TestTokens;

/**
 * Verifies a token the way a foreign resource server would: Nimbus JOSE+JWT reads the published JWKS
 * and checks signature, {@code typ}, issuer, audience and times. Nimbus needs Google Tink for Ed25519,
 * which is not available here, so for EdDSA only the signature math is the JDK's.
 */
final class NimbusVerifier {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private NimbusVerifier() {
    }

    static Map<String, Object> verify(String token, String jwksJson, AlgorithmContract test) throws Exception {
        String algorithm = test.algorithm();
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(TestTokens.ISSUER,
                new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).build(), Set.of("exp", "iat", "sub", "jti")));
        if (algorithm.equals("HS256")) {
            SigningKey key = test.keys.currentSigningKey();
            JWK secret = new OctetSequenceKey.Builder(key.signingKey().getEncoded()).keyID(key.kid()).build();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, new ImmutableJWKSet<>(new JWKSet(secret))));
        } else if (algorithm.equals("EdDSA")) {
            JWKSet set = JWKSet.parse(jwksJson);
            processor.setJWSKeySelector((header, context) -> List.of(ed25519Key(set.getKeyByKeyId(header.getKeyID()))));
            processor.setJWSVerifierFactory(new JdkEd25519VerifierFactory());
        } else {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, new ImmutableJWKSet<>(JWKSet.parse(jwksJson))));
        }
        if (token.split("\\.").length == 5) {
            TokenEncryption.EncryptionKey key = test.encryption.currentKey();
            processor.setJWEKeySelector(new JWEDecryptionKeySelector<>(JWEAlgorithm.parse(key.algorithm()),
                    EncryptionMethod.A256GCM, new ImmutableJWKSet<>(new JWKSet(privateJwk(key)))));
        }
        return processor.process(token, null).toJSONObject();
    }

    private static JWK privateJwk(TokenEncryption.EncryptionKey key) {
        if (key.publicKey() instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).privateKey((java.security.PrivateKey) key.privateKey()).keyID(key.kid()).build();
        }
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) key.publicKey())
                .privateKey((java.security.PrivateKey) key.privateKey()).keyID(key.kid()).build();
    }

    private static PublicKey ed25519Key(JWK jwk) {
        try {
            byte[] x = ((OctetKeyPair) jwk).getDecodedX();
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nimbus's verifier factory, with the JDK doing Ed25519. */
    private static final class JdkEd25519VerifierFactory extends DefaultJWSVerifierFactory {
        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return super.createJWSVerifier(header, key);
            }
            return new JWSVerifier() {
                @Override
                public boolean verify(JWSHeader h, byte[] signingInput, Base64URL signature) throws JOSEException {
                    try {
                        Signature verifier = Signature.getInstance("Ed25519");
                        verifier.initVerify((PublicKey) key);
                        verifier.update(signingInput);
                        return verifier.verify(signature.decode());
                    } catch (java.security.GeneralSecurityException e) {
                        throw new JOSEException(e.getMessage(), e);
                    }
                }

                @Override
                public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                    return Set.of(JWSAlgorithm.EdDSA);
                }

                @Override
                public JCAContext getJCAContext() {
                    return new JCAContext();
                }
            };
        }
    }
}
