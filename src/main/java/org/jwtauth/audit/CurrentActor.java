package org.jwtauth.audit;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

import org.jwtauth.verification.Caller;

/** Who is making the current request, as far as a verified token says; empty outside a request. */
@ApplicationScoped
class CurrentActor {

    /** A user (id and username) or a client (no id, its client id as the name). */
    record Actor(UUID userId, String name) {
    }

    private final CurrentIdentityAssociation identities;
    private final Caller caller;

    CurrentActor(CurrentIdentityAssociation identities, Caller caller) {
        this.identities = identities;
        this.caller = caller;
    }

    Optional<Actor> find() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        try {
            SecurityIdentity identity = identities.getIdentity();
            if (identity == null || identity.isAnonymous()) {
                return Optional.empty();
            }
            return Optional.of(new Actor(caller.userId().orElse(null), caller.name()));
        } catch (RuntimeException e) {
            // a bad token on a public endpoint (registration) is ignored there, and so it is here
            return Optional.empty();
        }
    }
}
