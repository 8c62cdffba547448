package org.jwtauth.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import io.quarkus.test.junit.QuarkusTest;

import org.jwtauth.testing.NoDatabase;

/**
 * Our Argon2id hashes are the PHC strings Spring Security's encoder writes and reads (the hashes stored by
 * earlier releases were made by it); the dummy hash costs what a real one costs; hashes that run at once
 * share the reused block memory without mixing it up.
 */
@NoDatabase
@QuarkusTest
class PasswordHasherTest {

    private static final Argon2PasswordEncoder SPRING = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private static final Argon2PasswordEncoder SPRING_WEAKER = new Argon2PasswordEncoder(16, 32, 1, 4 * 1024, 1);

    @Inject
    PasswordHasher hasher;

    @Test
    void shouldUseTheCurrentParametersForTheDummyHash() {
        assertFalse(hasher.needsUpgrade(PasswordHasher.DUMMY_HASH));
        assertFalse(hasher.matches("not the dummy password", PasswordHasher.DUMMY_HASH));
        assertTrue(PasswordHasher.DUMMY_HASH.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    @Test
    void shouldWriteWhatSpringSecurityReadsAndReadWhatItWrites() {
        String ours = hasher.hash("Correct-Horse-Battery-7");
        assertTrue(ours.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), ours);
        assertTrue(SPRING.matches("Correct-Horse-Battery-7", ours));
        assertFalse(SPRING.matches("Correct-Horse-Battery-8", ours));
        assertFalse(SPRING.upgradeEncoding(ours));
        assertFalse(hasher.needsUpgrade(ours));

        String theirs = SPRING.encode("Grüße-aus-Köln-2026");
        assertTrue(hasher.matches("Grüße-aus-Köln-2026", theirs));
        assertFalse(hasher.matches("Grusse-aus-Koln-2026", theirs));
        assertFalse(hasher.needsUpgrade(theirs));
    }

    @Test
    void shouldVerifyWeakerHashesAndAskForTheirUpgrade() {
        String weak = SPRING_WEAKER.encode("Old-Release-Pass-42");
        assertTrue(hasher.matches("Old-Release-Pass-42", weak));
        assertFalse(hasher.matches("Old-Release-Pass-43", weak));
        assertTrue(hasher.needsUpgrade(weak));
        String argon2i = weak.replace("$argon2id$", "$argon2i$");
        assertTrue(hasher.needsUpgrade(argon2i));
        assertFalse(hasher.matches("Old-Release-Pass-42", argon2i), "the type is part of the hash");
    }

    @Test
    void shouldMatchNothingAgainstMalformedHashes() {
        String good = hasher.hash("Some-Password-123");
        List<String> malformed = new ArrayList<>(List.of("", "plain", "$2a$10$abcdefghijklmnopqrstuv",
                good.replace("$v=19$", "$v=42$"), good.replace("m=19456", "m=4"), good.replace(",t=2,", ",t=0,"),
                good.substring(0, good.lastIndexOf('$')), good + "$extra", good.replace("$argon2id$", "$argon2x$"),
                good.substring(0, good.lastIndexOf('$') + 1) + "QQ", good.substring(0, good.lastIndexOf('$') + 1) + "Q"));
        malformed.add(null);
        for (String hash : malformed) {
            assertFalse(hasher.matches("Some-Password-123", hash), String.valueOf(hash));
            assertFalse(hasher.needsUpgrade(hash), String.valueOf(hash));
        }
        assertTrue(hasher.matches("Some-Password-123", good));
    }

    @Test
    void shouldKeepHashesRunningAtOnceApart() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String password = "Parallel-Password-" + i;
                work.add(() -> hasher.hash(password));
            }
            List<String> hashes = new ArrayList<>();
            for (Future<String> hash : pool.invokeAll(work)) {
                hashes.add(hash.get());
            }
            assertEquals(8, hashes.stream().distinct().count());
            List<Callable<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String password = "Parallel-Password-" + i;
                String hash = hashes.get(i);
                checks.add(() -> hasher.matches(password, hash) && SPRING.matches(password, hash));
            }
            for (Future<Boolean> check : pool.invokeAll(checks)) {
                assertTrue(check.get());
            }
            assertNotEquals(hashes.get(0), hasher.hash("Parallel-Password-0"), "a fresh salt each time");
        } finally {
            pool.shutdownNow();
        }
    }
}
