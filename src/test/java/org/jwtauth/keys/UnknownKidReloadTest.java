package org.jwtauth.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Unknown kids cause at most one key reload per interval, and a reload finds keys made by other replicas. */
@QuarkusTest
class UnknownKidReloadTest {

    @Inject
    KeyService keys;

    @Inject
    ManagedKeys managed;

    @Inject
    KeyRepository repository;

    private static String claims(KeyService keys) {
        return TestTokens.decodePart(TestTokens.sign(keys, TestTokens.validClaims("user")), 1);
    }

    private static int call(String token) {
        return given().auth().oauth2(token).get("/api/user").then().extract().statusCode();
    }

    @Test
    void shouldReloadAtMostOncePerIntervalForAFloodOfUnknownKids() {
        String payload = claims(keys);
        long before = keys.unknownKidReloadCount();
        Instant start = Instant.now();
        for (int i = 0; i < 30; i++) {
            String header = "{\"alg\":\"RS256\",\"kid\":\"" + UUID.randomUUID() + "\",\"typ\":\"at+jwt\"}";
            AlgorithmContract.assertRejected(TestTokens.signRaw("RS256", KeyAlgorithms.generate("RS256").getPrivate(),
                    header, payload), "unknown key");
        }
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        long reloads = keys.unknownKidReloadCount() - before;
        // one per started 5-second interval at most, however many requests
        assertTrue(reloads <= 1 + seconds / 5, reloads + " reloads in " + seconds + " s");
    }

    @Test
    void shouldFindAKeyAnotherReplicaCreatedAfterAThrottledReload() throws Exception {
        Instant now = Instant.now();
        // another replica's key, already retired so it never signs here, but published and valid
        SigningKeyEntity row = managed.newEntity("RS256", SigningKeyEntity.SIGNING, now, now.minusSeconds(60));
        row.retiresAt = now.minusSeconds(1);
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + row.kid + "\",\"typ\":\"at+jwt\"}";
        String token = TestTokens.signRaw("RS256", managed.decryptPrivateKey(row), header, claims(keys));

        long before = keys.unknownKidReloadCount();
        // well before the 15-second scheduled refresh: the unknown kid triggered the reload
        await("the new key loaded").atMost(Duration.ofSeconds(12)).pollDelay(Duration.ZERO)
                .until(() -> call(token) == 200);
        long reloads = keys.unknownKidReloadCount() - before;
        assertTrue(reloads <= 3, reloads + " reloads");
    }
}
