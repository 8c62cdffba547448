package org.jwtauth.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

import io.restassured.path.json.JsonPath;

/** Nested tokens end to end: issued as JWE, accepted by the resources, and a JWE alone proves nothing. */
abstract class EncryptedTokenContract extends AlgorithmContract {

    abstract String encryptionAlgorithm();

    private String encryptToService(String content, String contentAlgorithm) throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(encryptionAlgorithm());
        jwe.setEncryptionMethodHeaderParameter(contentAlgorithm);
        jwe.setContentTypeHeaderValue("JWT");
        jwe.setKeyIdHeaderValue(encryption.keyId());
        jwe.setKey(encryption.publicKey());
        jwe.setPayload(content);
        return jwe.getCompactSerialization();
    }

    @Test
    void shouldIssueNestedTokens() {
        String token = TestUsers.tokenWithRoles("user");
        assertEquals(5, token.split("\\.", -1).length);
        JsonPath header = JsonPath.from(TestTokens.decodePart(token, 0));
        assertEquals(encryptionAlgorithm(), header.getString("alg"));
        assertEquals("A256GCM", header.getString("enc"));
        assertEquals("JWT", header.getString("cty"));
        given().auth().oauth2(token).get("/api/claims").then().statusCode(200);
    }

    @Test
    void shouldAcceptNestedTokenMadeFromAServiceSignedToken() throws Exception {
        String signed = TestTokens.sign(keys, TestTokens.validClaims("user"));
        String token = encryptToService(signed, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        given().auth().oauth2(token).get("/api/user").then().statusCode(200);
    }

    @Test
    void shouldRefuseNestedTokenSignedByAForeignKey() throws Exception {
        String claims = TestTokens.decodePart(TestTokens.sign(keys, TestTokens.validClaims("user")), 1);
        String forged = TestTokens.signRaw(algorithm(), foreignKey(), TestTokens.header(keys, "at+jwt"), claims);
        assertRejected(encryptToService(forged, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM), "signature");
    }

    @Test
    void shouldRefuseEncryptedClaimsThatAreNotSigned() throws Exception {
        String claims = TestTokens.decodePart(TestTokens.sign(keys, TestTokens.validClaims("user")), 1);
        assertRejected(encryptToService(claims, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM),
                "does not contain a signed token");
    }

    @Test
    void shouldRefuseOtherContentEncryption() throws Exception {
        String signed = TestTokens.sign(keys, TestTokens.validClaims("user"));
        assertRejected(encryptToService(signed, ContentEncryptionAlgorithmIdentifiers.AES_128_GCM), "cannot be decrypted");
    }

    @Test
    void shouldRefuseTamperedCiphertext() {
        String[] parts = TestUsers.tokenWithRoles("user").split("\\.", -1);
        char first = parts[3].charAt(0);
        parts[3] = (first == 'A' ? 'B' : 'A') + parts[3].substring(1);
        assertRejected(String.join(".", parts), "cannot be decrypted");
    }
}
