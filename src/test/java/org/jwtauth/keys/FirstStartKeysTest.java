package org.jwtauth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.common.config.AuthConfig;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A first start makes only the current key and leaves the next one for a moment later; whoever asks for
 * the published keys before then gets the next key too, made once however many ask at the same time.
 */
@QuarkusTest
@TestProfile(FirstStartKeysTest.Profile.class)
class FirstStartKeysTest {

    /** No scheduled key refresh during the test: only the calls under test touch the key table. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.refresh-interval", "1H");
        }
    }

    @Inject
    KeyService keys;

    @Inject
    ManagedKeys managed;

    @Inject
    KeyRepository repository;

    @Inject
    AuthConfig config;

    @Inject
    Event<KeyRotated> rotated;

    @Inject
    Clock clock;

    private List<SigningKeyEntity> storedKeys() {
        return QuarkusTransaction.requiringNew().call(() -> repository.listByUse(SigningKeyEntity.SIGNING));
    }

    @Test
    void shouldStartWithTheCurrentKeyOnlyAndMakeTheNextOneOnceForManyParallelCallers() throws Exception {
        keys.publishedKeys(); // the application's own first start is complete: its next key is made
        QuarkusTransaction.requiringNew().run(() -> repository.listByUse(SigningKeyEntity.SIGNING).forEach(repository::delete));

        KeyService firstStart = new KeyService(config, managed, new SimpleMeterRegistry(), rotated, clock);
        firstStart.start();

        assertEquals(1, storedKeys().size(), "a first start makes only the key it signs with");

        int callers = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                boolean jwks = i % 2 == 0;
                Callable<List<String>> publishedStates = () -> {
                    go.await();
                    return jwks
                            ? firstStart.publishedKeys().stream().map(k -> k.kid()).toList()
                            : firstStart.listKeys().stream().map(KeyView::kid).toList();
                };
                answers.add(pool.submit(publishedStates));
            }
            go.countDown();
            List<String> stored = null;
            for (Future<List<String>> answer : answers) {
                List<String> kids = answer.get();
                stored = storedKeys().stream().map(k -> k.kid).toList();
                assertEquals(stored, kids, "every caller sees the current and the next key");
            }
            assertEquals(2, stored.size(), "one next key, made once");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("current", "next"), firstStart.listKeys().stream().map(KeyView::state).toList());
    }
}
