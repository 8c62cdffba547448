package org.jwtauth.clients;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.crypto.MasterKey;
import org.jwtauth.common.crypto.RandomTokens;

/**
 * Client secrets: 256 random bits made by the service, stored as HMAC-SHA256 under a key derived
 * from the master key. A slow password hash is for low-entropy secrets and would cap
 * client_credentials at tens of grants per second (SPEC §6).
 */
@ApplicationScoped
class ClientSecrets {

    private final SecretKeySpec hashKey;

    ClientSecrets(MasterKey masterKey) {
        this.hashKey = new SecretKeySpec(masterKey.deriveKey("client-secret-hash-v1"), "HmacSHA256");
    }

    String generate() {
        return RandomTokens.generate();
    }

    String hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
