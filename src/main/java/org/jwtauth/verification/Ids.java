package org.jwtauth.verification;

import java.util.Optional;
import java.util.UUID;

/** Claim values that name our ids: users and sessions are UUIDs, clients are not. */
final class Ids {

    private Ids() {
    }

    static Optional<UUID> uuid(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
