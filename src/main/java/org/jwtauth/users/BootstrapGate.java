package org.jwtauth.users;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bootstrap admin's creation while a first start has not run it yet. Checking and hashing the
 * admin's password costs about a second and a half of CPU on a cold JVM (nbvcxz's dictionaries and
 * Argon2), so a first start becomes ready without it; the creation runs shortly after, or at once in
 * the first login or registration naming the admin, which would otherwise fail (or, for a
 * registration, take the admin's name). Every other caller naming the admin waits for it.
 */
@ApplicationScoped
class BootstrapGate {

    /** Longer than a creation takes on a busy single core; after it the caller goes on as if there were none. */
    static final long WAIT_SECONDS = 30;

    private final AtomicReference<Runnable> creation = new AtomicReference<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile String pendingKey;

    /** The admin of this name is to be created by {@code create}, later. */
    void defer(String username, Runnable create) {
        pendingKey = UserRepository.key(username);
        creation.set(create);
    }

    /** Runs the deferred creation in this thread, unless another one runs or ran it: then waits for that. */
    void createNow() {
        Runnable create = creation.getAndSet(null);
        if (create == null) {
            await();
            return;
        }
        try {
            create.run();
        } finally {
            pendingKey = null;
            done.countDown();
        }
    }

    /** Creates the bootstrap admin first when {@code username} names it and it is still to be created. */
    void awaitCreated(String username) {
        String pending = pendingKey;
        if (pending != null && username != null && pending.equals(UserRepository.key(username))) {
            createNow();
        }
    }

    private void await() {
        if (pendingKey == null) {
            return;
        }
        try {
            done.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
