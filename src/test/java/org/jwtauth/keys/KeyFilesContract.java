package org.jwtauth.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

/** Keys read from files: the first signs, the previous ones stay published and valid, rotation is the operator's. */
abstract class KeyFilesContract extends AlgorithmContract {

    static final String DIR = "src/test/resources/keys/";

    /** The public key file of the previous key, as configured. */
    abstract String previousKeyFile();

    /** The same previous key with its private part, which the service never sees. */
    abstract String previousPrivateKeyFile();

    abstract String currentKeyFile();

    private String kidOf(String file) {
        KeyFiles.KeyMaterial material = KeyFiles.read(Path.of(DIR + file));
        return KeyAlgorithms.publicJwk(material.publicKey(), material.kid(), algorithm(), "sig").getKeyId();
    }

    @Test
    void shouldSignWithTheFirstFileAndPublishEveryFile() {
        assertEquals(kidOf(currentKeyFile()), keys.currentSigningKey().kid());
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItems(kidOf(currentKeyFile()), kidOf(previousKeyFile())));
    }

    @Test
    void shouldAcceptTokensOfThePreviousKey() {
        KeyFiles.KeyMaterial previous = KeyFiles.read(Path.of(DIR + previousPrivateKeyFile()));
        String header = "{\"alg\":\"" + algorithm() + "\",\"kid\":\"" + kidOf(previousKeyFile()) + "\",\"typ\":\"at+jwt\"}";
        String claims = TestTokens.decodePart(TestTokens.sign(keys, TestTokens.validClaims("user")), 1);
        String token = TestTokens.signRaw(algorithm(), previous.privateKey(), header, claims);
        given().auth().oauth2(token).get("/api/user").then().statusCode(200);
    }

    @Test
    void shouldListFileKeysWithTheirState() {
        given().auth().oauth2(TestUsers.adminToken()).get("/admin/keys").then().statusCode(200)
                .body("items.find { it.kid == '" + kidOf(currentKeyFile()) + "' }.state", equalTo("current"))
                .body("items.find { it.kid == '" + kidOf(previousKeyFile()) + "' }.state", equalTo("retired"));
    }

    @Test
    void shouldRefuseRotationThroughTheApi() {
        given().auth().oauth2(TestUsers.adminToken()).post("/admin/keys/rotate").then()
                .statusCode(409)
                .body("error", equalTo("conflict"))
                .body("error_description", containsString("auth.keys.files"));
    }
}
