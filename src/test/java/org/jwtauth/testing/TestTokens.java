package org.jwtauth.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.JwtSignatureBuilder;

/**
 * Builds test tokens with SmallRye JWT Build: valid ones signed by the service's real key, and
 * variants that break exactly one rule. Raw helpers assemble hostile tokens byte by byte.
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.test.example";

    private TestTokens() {
    }

    /** Claims of a valid access token for a user with the given roles. */
    public static JwtClaimsBuilder validClaims(String... roles) {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(ISSUER)
                .subject(UUID.randomUUID().toString())
                .upn("test-user")
                .groups(Set.of(roles))
                .claim("scope", String.join(" ", roles))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }

    /** Signs with the service's current key, typ at+jwt, after letting the caller change the header. */
    public static String sign(KeyService keys, JwtClaimsBuilder claims, UnaryOperator<JwtSignatureBuilder> header) {
        SigningKey key = keys.currentSigningKey();
        JwtSignatureBuilder builder = claims.jws()
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .keyId(key.kid())
                .type("at+jwt");
        return key.sign(header.apply(builder));
    }

    public static String sign(KeyService keys, JwtClaimsBuilder claims) {
        return sign(keys, claims, h -> h);
    }

    /** Signs with a key the service has never seen, under the given kid. */
    public static String signWithForeignKey(JwtClaimsBuilder claims, String kid) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(kid).type("at+jwt").sign(foreignRsaKey());
    }

    public static PrivateKey foreignRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return pair.getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String decodePart(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    /** Signs an arbitrary header and payload with the service's current key (no defaults added). */
    public static String signRaw(KeyService keys, String headerJson, String payloadJson) {
        SigningKey key = keys.currentSigningKey();
        return signRaw(key.algorithm(), key.signingKey(), headerJson, payloadJson);
    }

    /** Signs an arbitrary header and payload with the given key as the algorithm requires (JWS encoding). */
    public static String signRaw(String algorithm, java.security.Key key, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            if (algorithm.startsWith("HS")) {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA" + algorithm.substring(2));
                mac.init(key);
                return signingInput + "." + b64(mac.doFinal(input));
            }
            java.security.Signature signature = java.security.Signature.getInstance(jcaSignature(algorithm));
            if (algorithm.equals("PS256")) {
                signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            signature.initSign((PrivateKey) key);
            signature.update(input);
            return signingInput + "." + b64(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jcaSignature(String algorithm) {
        return switch (algorithm) {
            case "RS256", "RS384", "RS512" -> "SHA" + algorithm.substring(2) + "withRSA";
            case "PS256" -> "RSASSA-PSS";
            // JWS wants the fixed-length r||s form, not DER
            case "ES256", "ES384" -> "SHA" + algorithm.substring(2) + "withECDSAinP1363Format";
            case "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    /** A JSON header for the service's current key with the given typ. */
    public static String header(KeyService keys, String typ) {
        SigningKey key = keys.currentSigningKey();
        return "{\"alg\":\"" + key.algorithm() + "\",\"kid\":\"" + key.kid() + "\",\"typ\":\"" + typ + "\"}";
    }
}
