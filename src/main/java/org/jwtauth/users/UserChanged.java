package org.jwtauth.users;

import java.util.Set;
import java.util.UUID;

/** An account was changed, by an admin or by its owner. */
public record UserChanged(Change change, UUID userId, String username, Set<String> roles, boolean enabled) {

    public enum Change { CREATED, UPDATED, DELETED, PASSWORD_CHANGED, SESSIONS_ENDED, LOCKOUT_CLEARED }
}
