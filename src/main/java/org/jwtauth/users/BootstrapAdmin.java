package org.jwtauth.users;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.security.Roles;

import io.quarkus.runtime.StartupEvent;

/** First start with no users: creates the admin from configuration, or with a generated password printed once. */
@ApplicationScoped
class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final UserService users;
    private final AuthConfig config;

    BootstrapAdmin(UserService users, AuthConfig config) {
        this.users = users;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (users.countUsers() > 0) {
            return;
        }
        String username = config.bootstrap().admin().username();
        boolean generated = config.bootstrap().admin().password().isEmpty();
        String password = config.bootstrap().admin().password().orElseGet(BootstrapAdmin::generatePassword);
        try {
            users.createUser(username, password, Set.of(Roles.ADMIN, Roles.USER));
        } catch (org.jwtauth.common.error.AuthException e) {
            if (e.status() == 409) {
                return; // another replica created it first
            }
            throw new IllegalStateException("auth.bootstrap.admin.password is refused: " + e.getMessage());
        }
        if (generated) {
            // The one place a secret is logged, by design: there is no other way to hand it over.
            LOG.warnf("Created the bootstrap admin '%s' with the generated password: %s  (change it now)", username, password);
        } else {
            LOG.infof("Created the bootstrap admin '%s'", username);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
