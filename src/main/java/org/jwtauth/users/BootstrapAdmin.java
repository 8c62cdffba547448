package org.jwtauth.users;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.lifecycle.AfterStart;
import org.jwtauth.common.security.Roles;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * First start with no users: creates the admin from configuration, or with a generated password printed
 * once. The creation is deferred past the start ({@link BootstrapGate}): it runs {@link #DELAY} after
 * the start event, or first thing in a login or registration naming the admin. A refused password or a
 * failed write stops the service, as a failed start did.
 */
@ApplicationScoped
class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    /** Past the readiness of a first start on one busy core (the start event comes last but for the HTTP server). */
    static final Duration DELAY = Duration.ofSeconds(2);

    private final UserService users;
    private final BootstrapGate gate;
    private final AuthConfig config;

    BootstrapAdmin(UserService users, BootstrapGate gate, AuthConfig config) {
        this.users = users;
        this.gate = gate;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event, AfterStart afterStart) {
        if (users.countUsers() > 0) {
            return;
        }
        String username = config.bootstrap().admin().username();
        boolean generated = config.bootstrap().admin().password().isEmpty();
        String password = config.bootstrap().admin().password().orElseGet(BootstrapAdmin::generatePassword);
        if (generated) {
            // The one place a secret is logged, by design: there is no other way to hand it over.
            // Logged during the start, so whoever waits for ready finds it in the log.
            LOG.warnf("Creating the bootstrap admin '%s' with the generated password: %s  (change it now)", username, password);
        }
        gate.defer(username, () -> create(username, password));
        afterStart.runLater("bootstrap-admin", DELAY, gate::createNow);
    }

    private void create(String username, String password) {
        try {
            users.createUser(username, password, Set.of(Roles.ADMIN, Roles.USER));
            LOG.infof("Created the bootstrap admin '%s'", username);
        } catch (org.jwtauth.common.error.AuthException e) {
            if (e.status() != 409) { // 409: another replica created it first
                stop("auth.bootstrap.admin.password is refused: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("Could not create the bootstrap admin", e);
            stop("the bootstrap admin could not be created");
        }
    }

    private static void stop(String reason) {
        LOG.errorf("Stopping: %s", reason);
        Quarkus.asyncExit(1);
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
