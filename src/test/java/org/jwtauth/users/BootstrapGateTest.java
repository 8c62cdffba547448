package org.jwtauth.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deferred creation of the bootstrap admin: run once, first by whoever names the admin; nobody else waits. */
class BootstrapGateTest {

    // a thread per caller: a waiting caller must not hold up the others
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void shouldCreateTheAdminOnceForSixteenParallelLoginsNamingIt() throws Exception {
        BootstrapGate gate = new BootstrapGate();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        gate.defer("Admin", () -> {
            runs.incrementAndGet();
            await(release);
        });
        List<CompletableFuture<Void>> logins = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String name = i % 2 == 0 ? "admin" : "ADMIN";
            logins.add(CompletableFuture.runAsync(() -> gate.awaitCreated(name), callers));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new));
        CompletableFuture.runAsync(() -> gate.awaitCreated("alice"), callers).get(5, TimeUnit.SECONDS); // another name never waits
        assertThrows(TimeoutException.class, () -> all.get(300, TimeUnit.MILLISECONDS),
                "the admin's name, in any case, waits while the admin is being created");
        release.countDown();
        all.get(5, TimeUnit.SECONDS);
        gate.createNow(); // the delayed trigger, after a login ran it: nothing left to do
        assertEquals(1, runs.get(), "created once");
    }

    @Test
    void shouldLetEveryoneThroughWhenNothingIsDeferred() throws Exception {
        BootstrapGate gate = new BootstrapGate();
        CompletableFuture.runAsync(() -> gate.awaitCreated("admin"), callers).get(5, TimeUnit.SECONDS);
        AtomicInteger runs = new AtomicInteger();
        gate.defer("admin", runs::incrementAndGet);
        gate.createNow();
        CompletableFuture.runAsync(() -> gate.awaitCreated("admin"), callers).get(5, TimeUnit.SECONDS);
        assertEquals(1, runs.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
