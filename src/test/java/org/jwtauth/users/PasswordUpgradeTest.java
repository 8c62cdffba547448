package org.jwtauth.users;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.testing.TestUsers;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** SPEC §6: a hash made with older, weaker parameters is replaced by a current one on the next successful login. */
@QuarkusTest
class PasswordUpgradeTest {

    private static final String CURRENT = "$argon2id$v=19$m=19456,t=2,p=1$";

    @Inject
    Database db;

    @Inject
    PasswordHasher hasher;

    @Test
    void shouldUpgradeAWeakHashOnceWhenManyLoginsSucceedAtOnce() throws Exception {
        String username = TestUsers.uniqueName("old");
        String password = TestUsers.strongPassword();
        UUID id = UUID.fromString(TestUsers.create(username, password, "user"));
        String weak = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(password);
        QuarkusTransaction.requiringNew().run(() -> db.update("update users set password_hash = ? where id = ?", weak, id));
        assertTrue(hasher.needsUpgrade(storedHash(id)));

        // four at once: each counts as an attempt until it succeeds, and the fifth would meet the lockout (SPEC §7)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("username", username, "password", password))
                        .post("/auth/login").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        String stored = storedHash(id);
        assertTrue(stored.startsWith(CURRENT), stored);
        assertFalse(hasher.needsUpgrade(stored));
        assertTrue(hasher.matches(password, stored));
        TestUsers.login(username, password);
    }

    private String storedHash(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> db.first("select password_hash from users where id = ?",
                row -> row.getString(1), id).orElseThrow());
    }
}
