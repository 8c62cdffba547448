package org.jwtauth.audit;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is making the current request, as far as a verified token says; empty outside a request. */
@ApplicationScoped
class CurrentActor {

    /** A user (id and username) or a client (no id, its client id as the name). */
    record Actor(UUID userId, String name) {
    }

    private final CurrentIdentityAssociation identities;

    CurrentActor(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    Optional<Actor> find() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        SecurityIdentity identity;
        try {
            identity = identities.getIdentity();
        } catch (RuntimeException e) {
            // a bad token on a public endpoint (registration) is ignored there, and so it is here
            return Optional.empty();
        }
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return Optional.of(new Actor(uuidOrNull(token.getSubject()), token.getName()));
    }

    private static UUID uuidOrNull(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null; // a service client's token
        }
    }
}
