package org.jwtauth.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.sessions.RevocationState;
import org.jwtauth.testing.TestClock;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;
import org.jwtauth.verification.AccessTokenVerifier;
import org.jwtauth.verification.VerifiedAccessToken;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Managed key rotation with short lifetimes: old tokens stay valid, then their key leaves; replicas follow. */
@QuarkusTest
@TestProfile(KeyRotationTest.Profile.class)
class KeyRotationTest {

    /** A one-second key refresh, so what the moved TestClock makes due (a retired key leaving) happens at once. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.token.access-lifetime", "60S",
                    "auth.token.clock-leeway", "1S",
                    "auth.keys.refresh-interval", "1S",
                    "auth.keys.rotation-period", "10M");
        }
    }

    @Inject
    KeyService keys;

    @Inject
    RevocationState revocations;

    @Inject
    Event<KeyRotated> rotated;

    @Inject
    Clock clock;

    @Inject
    TestClock testClock;

    @AfterEach
    void resetClock() {
        testClock.reset();
    }

    @Inject
    ManagedKeys managed;

    @Inject
    KeyRepository repository;

    @Inject
    AuthConfig config;

    @Inject
    TokenEncryption encryption;

    private static String kidOf(String token) {
        return io.restassured.path.json.JsonPath.from(TestTokens.decodePart(token, 0)).getString("kid");
    }

    private static List<Map<String, Object>> listKeys() {
        return given().auth().oauth2(TestUsers.adminToken()).get("/admin/keys")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static String kidIn(List<Map<String, Object>> items, String state) {
        return items.stream().filter(k -> state.equals(k.get("state")))
                .min((a, b) -> ((String) a.get("activates_at")).compareTo((String) b.get("activates_at")))
                .map(k -> (String) k.get("kid")).orElseThrow();
    }

    private static List<String> publishedKids() {
        return given().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath().getList("keys.kid");
    }

    @Test
    void shouldKeepOldTokensValidSignWithTheNextKeyAndDropTheOldKeyAfterItsTokensExpired() throws Exception {
        String oldToken = TestUsers.tokenWithRoles("user");
        String oldKid = kidOf(oldToken);
        String nextKid = kidIn(listKeys(), "next");

        List<Map<String, Object>> after = given().auth().oauth2(TestUsers.adminToken()).post("/admin/keys/rotate")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(nextKid, kidIn(after, "current"));
        assertTrue(after.stream().anyMatch(k -> oldKid.equals(k.get("kid")) && "retired".equals(k.get("state"))));
        String freshNext = kidIn(after, "next");
        assertNotEquals(nextKid, freshNext);

        given().auth().oauth2(oldToken).get("/api/user").then().statusCode(200);
        assertEquals(nextKid, kidOf(TestUsers.tokenWithRoles("user")));
        assertTrue(publishedKids().containsAll(List.of(oldKid, nextKid, freshNext)));

        // it stays for the whole lifetime of the tokens it signed (60 s, plus the leeway)...
        testClock.advance(Duration.ofSeconds(45));
        assertTrue(publishedKids().contains(oldKid), "left the JWKS while its tokens were still valid");
        // ...and leaves once they have expired; the one-second key refresh then deletes it
        testClock.advance(Duration.ofSeconds(20));
        await("the retired key leaving the JWKS").atMost(Duration.ofSeconds(10))
                .until(() -> !publishedKids().contains(oldKid));
        AlgorithmContract.assertRejected(oldToken, "");
        testClock.advance(Duration.ofMinutes(1));
        await("the expired key deleted").atMost(Duration.ofSeconds(10))
                .until(() -> listKeys().stream().noneMatch(k -> oldKid.equals(k.get("kid"))));
    }

    @Test
    void shouldRefuseAnAlreadyAcceptedTokenOnceItsKeyIsGoneFromTheStore() {
        String token = TestUsers.tokenWithRoles("user");
        String kid = kidOf(token);
        // accepted, so cached with its passed recheck
        given().auth().oauth2(token).get("/api/user").then().statusCode(200);
        given().auth().oauth2(token).get("/api/user").then().statusCode(200);
        keys.rotate();
        given().auth().oauth2(token).get("/api/user").then().statusCode(200);

        // an operator purges the retired key (compromised, say) while its tokens are unexpired
        QuarkusTransaction.requiringNew().run(() -> repository.listByUse(SigningKeyEntity.SIGNING).stream()
                .filter(k -> k.kid.equals(kid)).forEach(repository::delete));
        keys.reload();

        AlgorithmContract.assertRejected(token, "");
    }

    /**
     * Reloads race (the one-second schedule here, unknown kids, rotations): a key deleted from the store is
     * gone from memory as soon as a reload started after the deletion returns, whatever older reloads are
     * still running on other threads (a scheduled one once put a purged key back in a CI run).
     */
    @Test
    void shouldNeverLetAnOlderReloadPutBackADeletedKey() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService reloaders = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                running.add(reloaders.submit(() -> {
                    while (!stop.get()) {
                        keys.reload();
                    }
                    return null;
                }));
            }
            for (int round = 0; round < 15; round++) {
                String kid = storeForeignKey();
                keys.reload();
                assertTrue(keys.findVerificationKey(kid).isPresent(), "round " + round + ": the new key was loaded");
                deleteFromStore(kid);
                keys.reload();
                assertTrue(keys.findVerificationKey(kid).isEmpty(), "round " + round + ": a deleted key came back");
            }
        } finally {
            stop.set(true);
            for (Future<?> reloader : running) {
                reloader.get(30, TimeUnit.SECONDS);
            }
            reloaders.shutdown();
        }
    }

    /** The race above, made certain: a reload that read before the deletion finishes after the one that read after it. */
    @Test
    void shouldIgnoreAReloadThatReadTheStoreBeforeTheOneInMemory() {
        String kid = storeForeignKey();
        keys.reload();
        KeyService.Loaded slow = keys.read();
        deleteFromStore(kid);
        keys.reload();
        assertTrue(keys.findVerificationKey(kid).isEmpty());
        keys.install(slow);
        assertTrue(keys.findVerificationKey(kid).isEmpty(), "an older read put back a deleted key");
        assertEquals(keys.currentSigningKey().kid(), kidOf(TestUsers.tokenWithRoles("user")), "the keys in memory still sign");
    }

    /** Another replica's key, retired at once so it never signs here, but published and valid: its kid. */
    private String storeForeignKey() {
        Instant now = clock.instant();
        SigningKeyEntity row = managed.newEntity("RS256", SigningKeyEntity.SIGNING, now, now.minusSeconds(60));
        row.retiresAt = now.minusSeconds(1);
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row.kid;
    }

    private void deleteFromStore(String kid) {
        QuarkusTransaction.requiringNew().run(() -> repository.listByUse(SigningKeyEntity.SIGNING).stream()
                .filter(k -> k.kid.equals(kid)).forEach(repository::delete));
    }

    @Test
    void shouldFollowARotationMadeByAnotherReplicaWithin30Seconds() throws Exception {
        String before = keys.currentSigningKey().kid();
        // another replica rotates: only the database changes, this instance learns it by refreshing
        managed.promoteNext();
        String kid = await("the rotation followed (SPEC §4: within 30 s)").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> kidOf(TestUsers.tokenWithRoles("user")), signer -> !signer.equals(before));
        assertEquals(keys.currentSigningKey().kid(), kid);
        given().get("/.well-known/jwks.json").then().statusCode(200);
    }

    @Test
    void shouldKeepKeysAndTokensValidAcrossARestart() throws Exception {
        String token = TestUsers.tokenWithRoles("user");
        String current = keys.currentSigningKey().kid();
        List<String> published = keys.publishedKeys().stream().map(SigningKey::kid).toList();

        // a second instance built from nothing but the database, as after a restart
        KeyService restarted = new KeyService(config, managed, new SimpleMeterRegistry(), rotated, clock);
        restarted.start();

        assertEquals(current, restarted.currentSigningKey().kid());
        assertTrue(restarted.publishedKeys().stream().map(SigningKey::kid).toList().contains(current));
        assertTrue(published.contains(current));
        VerifiedAccessToken verified = new AccessTokenVerifier(config, restarted, encryption, revocations, clock).verify(token);
        assertEquals(kidOf(token), current);
        assertFalse(verified.subject().isBlank());
    }

    @Test
    void shouldPublishTheNextKeyAtLeastOneJwksLifetimeBeforeItSigns() {
        String cacheControl = given().get("/.well-known/jwks.json").then().statusCode(200)
                .extract().header("Cache-Control");
        long maxAge = Long.parseLong(cacheControl.replaceAll(".*max-age=(\\d+).*", "$1"));
        Map<String, Object> next = listKeys().stream().filter(k -> "next".equals(k.get("state"))).findFirst().orElseThrow();
        Instant created = Instant.parse((String) next.get("created_at"));
        Instant activates = Instant.parse((String) next.get("activates_at"));
        assertTrue(Duration.between(created, activates).toSeconds() > maxAge, "lead time below max-age " + maxAge);
        assertTrue(publishedKids().contains((String) next.get("kid")));
        given().auth().oauth2(TestUsers.tokenWithRoles("user")).get("/admin/keys").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
    }
}
