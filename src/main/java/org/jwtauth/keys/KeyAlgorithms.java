package org.jwtauth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

/** The signing algorithms the service knows and how to make a key pair for each. */
final class KeyAlgorithms {

    static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA");

    private KeyAlgorithms() {
    }

    static KeyPair generate(String algorithm) {
        try {
            return switch (algorithm) {
                case "RS256", "RS384", "RS512", "PS256" -> generator("RSA", 2048);
                case "ES256" -> ec("secp256r1");
                case "ES384" -> ec("secp384r1");
                case "EdDSA" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default -> throw new IllegalArgumentException("auth.keys.algorithm: unsupported algorithm " + algorithm
                        + " (supported: " + ASYMMETRIC + ")");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " key", e);
        }
    }

    private static KeyPair generator(String type, int size) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        generator.initialize(size);
        return generator.generateKeyPair();
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static String keyFactoryAlgorithm(String algorithm) {
        return switch (algorithm) {
            case "ES256", "ES384" -> "EC";
            case "EdDSA" -> "Ed25519";
            default -> "RSA";
        };
    }
}
