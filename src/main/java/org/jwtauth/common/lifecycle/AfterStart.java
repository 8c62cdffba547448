package org.jwtauth.common.lifecycle;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Work a start leaves for a moment after ready (a first start's bootstrap admin, its next signing key):
 * it runs on a daemon thread after a delay, unless the service is stopping by then. Never an interrupt:
 * H2 closes its file on one.
 */
@Singleton
public class AfterStart {

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Runs {@code task} on a thread named {@code name}, {@code delay} from now, unless the service stops first. */
    public void runLater(String name, Duration delay, Runnable task) {
        Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                Thread.sleep(delay);
                if (!stopping) {
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
