package org.jwtauth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** The signing algorithms the service knows, which key each needs, and how to make one. */
final class KeyAlgorithms {

    static final String HS256 = "HS256";
    static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA");
    static final List<String> SUPPORTED = List.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA", HS256);
    private static final int MIN_RSA_BITS = 2048;

    private KeyAlgorithms() {
    }

    static KeyPair generate(String algorithm) {
        try {
            return switch (algorithm) {
                case "RS256", "RS384", "RS512", "PS256", "RSA-OAEP-256" -> rsa();
                case "ES256", "ECDH-ES" -> ec("secp256r1");
                case "ES384" -> ec("secp384r1");
                case "EdDSA" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default -> throw new IllegalArgumentException("auth.keys.algorithm: unsupported algorithm " + algorithm
                        + " (supported: " + SUPPORTED + ")");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " key", e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(MIN_RSA_BITS);
        return generator.generateKeyPair();
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static String keyFactoryAlgorithm(String algorithm) {
        return switch (algorithm) {
            case "ES256", "ES384", "ECDH-ES" -> "EC";
            case "EdDSA" -> "Ed25519";
            default -> "RSA";
        };
    }

    /** Null when the key can serve the algorithm, else what is wrong with it (for a start-up message). */
    static String incompatibility(String algorithm, PublicKey key) {
        String required = switch (algorithm) {
            case "RS256", "RS384", "RS512", "PS256", "RSA-OAEP-256" -> "an RSA key of at least " + MIN_RSA_BITS + " bits";
            case "ES256", "ECDH-ES" -> "an EC key on curve P-256";
            case "ES384" -> "an EC key on curve P-384";
            case "EdDSA" -> "an Ed25519 key";
            default -> "no key pair (it uses a shared secret)";
        };
        return fits(algorithm, key) ? null
                : "holds " + describe(key) + ", but auth.keys.algorithm=" + algorithm + " needs " + required;
    }

    private static boolean fits(String algorithm, PublicKey key) {
        return switch (algorithm) {
            case "RS256", "RS384", "RS512", "PS256", "RSA-OAEP-256" ->
                    key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS;
            case "ES256", "ECDH-ES" -> key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
            case "ES384" -> key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 384;
            case "EdDSA" -> key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
            default -> false;
        };
    }

    static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "an RSA key of " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECPublicKey ec) {
            return "an EC key of " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        if (key instanceof EdECPublicKey ed) {
            return "an " + ed.getParams().getName() + " key";
        }
        return "a " + key.getAlgorithm() + " key";
    }

    /** The public JWK as published: kid (RFC 7638 thumbprint unless given), use and alg set. */
    static PublicJsonWebKey publicJwk(PublicKey key, String kid, String algorithm, String use) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(kid != null ? kid : jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            jwk.setAlgorithm(algorithm);
            jwk.setUse(use);
            // a JWK built from a public key carries nothing private; re-parse to drop any cached private part
            return PublicJsonWebKey.Factory.newPublicJwk(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot describe a " + algorithm + " key as a JWK", e);
        }
    }
}
