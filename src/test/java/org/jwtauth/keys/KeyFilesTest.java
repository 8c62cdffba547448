package org.jwtauth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;

/** Reading PEM and JWK key files, and the start-up messages for a key that does not fit the algorithm. */
@NoDatabase
class KeyFilesTest {

    private static final String DIR = KeyFilesContract.DIR;

    private static List<SigningKey> load(String algorithm, String... files) {
        return KeyFiles.load(List.of(files).stream().map(f -> DIR + f).toList(), algorithm);
    }

    private static String failure(String algorithm, String... files) {
        return assertThrows(IllegalStateException.class, () -> load(algorithm, files)).getMessage();
    }

    /** The derived public key must belong to the private key: sign with one, verify with the other. */
    private static void assertPairMatches(SigningKey key, String jca) throws Exception {
        byte[] data = "proof".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(jca);
        signer.initSign(key.privateKey());
        signer.update(data);
        Signature verifier = Signature.getInstance(jca);
        verifier.initVerify(key.publicJwk().getPublicKey());
        verifier.update(data);
        assertTrue(verifier.verify(signer.sign()));
    }

    @Test
    void shouldReadPkcs8PrivateKeysOfEveryTypeAndDeriveTheirPublicHalf() throws Exception {
        assertPairMatches(load("RS256", "rs384-current.pem").get(0), "SHA256withRSA");
        assertPairMatches(load("ES384", "es384-current.pem").get(0), "SHA384withECDSA");
        assertPairMatches(load("ES256", "ec-p256.pem").get(0), "SHA256withECDSA");
        assertPairMatches(load("EdDSA", "ed25519.pem").get(0), "Ed25519");
    }

    @Test
    void shouldReadJwkFilesAndKeepTheirKid() throws Exception {
        SigningKey key = load("EdDSA", "ed25519.jwk.json").get(0);
        assertEquals("ed-file-key", key.kid());
        assertPairMatches(key, "Ed25519");
        // the PEM and the JWK hold the same key
        assertEquals(load("EdDSA", "ed25519.pem").get(0).publicJwk().getKey(), key.publicJwk().getKey());
    }

    @Test
    void shouldSignWithTheFirstFileAndOnlyPublishTheOthers() {
        List<SigningKey> keys = load("RS384", "rs384-current.pem", "rs384-previous.jwk.json");
        assertTrue(keys.get(0).canSign());
        assertNull(keys.get(0).retiresAt());
        assertEquals("rs384-previous", keys.get(1).kid());
        assertTrue(!keys.get(1).canSign());
        assertEquals(SigningKey.RETIRED, keys.get(1).stateAt(java.time.Instant.now()));
        assertNotNull(keys.get(1).publicJwk());
    }

    @Test
    void shouldRefuseAnEcKeyForRs256NamingTheSettings() {
        String message = failure("RS256", "ec-p256.pem");
        assertTrue(message.startsWith("auth.keys.files: "), message);
        assertTrue(message.contains("ec-p256.pem"), message);
        assertTrue(message.contains("auth.keys.algorithm=RS256 needs an RSA key"), message);
    }

    @Test
    void shouldRefuseTheWrongCurveAndShortRsaKeys() {
        assertTrue(failure("ES384", "ec-p256.pem").contains("needs an EC key on curve P-384"));
        assertTrue(failure("ES256", "es384-current.pem").contains("needs an EC key on curve P-256"));
        assertTrue(failure("RS256", "rsa-1024.pem").contains("RSA key of 1024 bits"));
        assertTrue(failure("EdDSA", "rs384-current.pem").contains("needs an Ed25519 key"));
        assertTrue(failure("RS384", "rs384-current.pem", "es384-previous.pem").contains("es384-previous.pem"));
    }

    @Test
    void shouldRefuseAPublicKeyAsTheSigningKey() {
        assertTrue(failure("ES384", "es384-previous.pem").contains("must hold a private key"));
    }

    @Test
    void shouldExplainHowToConvertPkcs1Keys() {
        assertTrue(failure("RS256", "rsa-pkcs1.pem").contains("openssl pkcs8 -topk8 -nocrypt"));
    }

    @Test
    void shouldRefuseAMissingFile() {
        assertTrue(failure("RS256", "no-such-file.pem").contains("cannot be read"));
    }
}
