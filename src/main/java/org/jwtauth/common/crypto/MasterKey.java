package org.jwtauth.common.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.Startup;

/**
 * The AES-256 master key that encrypts managed private keys at rest (AES-GCM, key id as
 * associated data) and from which the client-secret hashing key is derived. Created at start-up, so
 * a production deployment without a configured master key fails at once with a clear message.
 */
@Startup
@ApplicationScoped
public class MasterKey {

    private static final Logger LOG = Logger.getLogger(MasterKey.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final java.util.Map<String, SecretKeySpec> subkeys = new java.util.concurrent.ConcurrentHashMap<>();

    static final String DEV_FILE = "data/master.key";

    @Inject
    public MasterKey(AuthConfig config) {
        this(config.keys().masterKey(), config.keys().masterKeyFile(), isProduction());
    }

    /** Production unless the dev or test profile is active (the quick start runs the jar with profile dev). */
    private static boolean isProduction() {
        List<String> profiles = ConfigUtils.getProfiles();
        return !profiles.contains(LaunchMode.DEVELOPMENT.getDefaultProfile())
                && !profiles.contains(LaunchMode.TEST.getDefaultProfile());
    }

    MasterKey(Optional<String> configured, Optional<String> file, boolean production) {
        this.key = new SecretKeySpec(load(configured, file, production), "AES");
    }

    private static byte[] load(Optional<String> configured, Optional<String> file, boolean production) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return decode(configured.get(), "auth.keys.master-key");
        }
        if (file.isPresent()) {
            return readFile(Path.of(file.get()), "auth.keys.master-key-file");
        }
        if (production) {
            // a key generated on one replica's disk would differ on the next one and vanish with the pod
            throw new IllegalStateException("No master key configured: set auth.keys.master-key (env AUTH_KEYS_MASTER_KEY, "
                    + "base64 of 32 random bytes, e.g. `openssl rand -base64 32`, the same on every replica) "
                    + "or auth.keys.master-key-file. A generated key is only kept under ./data in dev and test.");
        }
        Path devFile = Path.of(DEV_FILE);
        return Files.exists(devFile) ? readFile(devFile, devFile.toString()) : generate(devFile);
    }

    private static byte[] readFile(Path file, String setting) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), setting + " (" + file + ")");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the master key file " + file + " (" + setting + ")", e);
        }
    }

    private static byte[] generate(Path file) {
        try {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            restrictToOwner(file);
            LOG.warnf("No auth.keys.master-key configured: generated one in %s (dev and test only). "
                    + "Production requires auth.keys.master-key, the same on every replica.", file);
            return fresh;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the master key file " + file
                    + " (set auth.keys.master-key or auth.keys.master-key-file)", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the platform's default permissions
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (256 bits) encoded in base64, got " + bytes.length);
        }
        return bytes;
    }

    /** Encrypts with a fresh IV; the result is base64 of IV followed by ciphertext and tag. */
    public String encrypt(byte[] plaintext, String associatedData) {
        return seal(key, plaintext, associatedData);
    }

    public byte[] decrypt(String encrypted, String associatedData) {
        try {
            return open(key, encrypted, associatedData);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt stored key " + associatedData
                    + ": auth.keys.master-key differs from the one that encrypted it", e);
        }
    }

    /**
     * Encrypts under a subkey derived for one purpose ({@link #deriveKey}): frequent, short-lived
     * secrets never put IVs under the key that protects the signing keys.
     */
    public String encryptFor(String purpose, byte[] plaintext, String associatedData) {
        return seal(subkey(purpose), plaintext, associatedData);
    }

    /** Decrypts what {@link #encryptFor} made; empty when it was made under another key or altered. */
    public java.util.Optional<byte[]> decryptFor(String purpose, String encrypted, String associatedData) {
        try {
            return java.util.Optional.of(open(subkey(purpose), encrypted, associatedData));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private SecretKeySpec subkey(String purpose) {
        return subkeys.computeIfAbsent(purpose, p -> new SecretKeySpec(deriveKey(p), "AES"));
    }

    private String seal(SecretKeySpec with, byte[] plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] open(SecretKeySpec with, String encrypted, String associatedData) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(encrypted);
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
    }

    /** A purpose-bound subkey (HMAC-SHA256 of the label), so one secret never serves two uses. */
    public byte[] deriveKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
