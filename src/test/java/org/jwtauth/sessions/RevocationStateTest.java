package org.jwtauth.sessions;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.common.persistence.DataAccessException;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** SPEC §5: revoked jtis are unique, and a replica whose revocation state goes stale is not ready. */
@QuarkusTest
class RevocationStateTest {

    // health is served on the management interface only
    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;


    @Inject
    Database db;

    private long rowsFor(String jti) {
        return QuarkusTransaction.requiringNew().call(() -> db.count(
                "select count(*) from revoked_access_tokens where jti = ?", jti));
    }

    private String jtiOf(String token) {
        return io.restassured.path.json.JsonPath.from(org.jwtauth.testing.TestTokens.decodePart(token, 1)).getString("jti");
    }

    @Test
    void shouldKeepOneRowPerRevokedJtiAndRefuseADuplicate() {
        String token = TestUsers.tokenWithRoles("user");
        given().formParam("token", token).post("/auth/revoke").then().statusCode(200);
        given().formParam("token", token).post("/auth/revoke").then().statusCode(200);
        String jti = jtiOf(token);
        assertEquals(1, rowsFor(jti));

        // the table itself refuses a second row for the jti (the migration's unique constraint)
        RuntimeException refused = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> db.update(
                "insert into revoked_access_tokens (id, jti, expires_at) values (?, ?, ?)",
                UUID.randomUUID(), jti, Instant.now().plusSeconds(60))));
        assertTrue(DataAccessException.isUniqueViolation(refused), refused::toString);
        assertEquals(1, rowsFor(jti));
    }

    @Test
    void shouldTurnNotReadyWhileRevocationsCannotBeReloadedAndRecoverAfterwards() throws Exception {
        given().get(ready).then().statusCode(200);
        rename("revoked_access_tokens", "revoked_access_tokens_away");
        try {
            awaitReady(503, Duration.ofSeconds(20));
            given().get(ready).then().statusCode(503)
                    .body("checks.find { it.name == 'revocation-state' }.status", equalTo("DOWN"));
            // tokens are still verified from memory meanwhile
            TestSessions.claimsStatus(TestUsers.adminToken());
        } finally {
            rename("revoked_access_tokens_away", "revoked_access_tokens");
        }
        awaitReady(200, Duration.ofSeconds(20));
        given().get(ready).then().body("checks.name", hasItem("revocation-state"));
    }

    private void rename(String from, String to) {
        QuarkusTransaction.requiringNew().run(() -> db.update("alter table " + from + " rename to " + to));
    }

    private void awaitReady(int status, Duration timeout) {
        await("ready answering " + status).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get(ready).statusCode(), answered -> answered == status);
    }
}
