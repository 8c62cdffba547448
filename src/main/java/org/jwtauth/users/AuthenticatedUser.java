package org.jwtauth.users;

import java.util.Set;
import java.util.UUID;

/** Who passed a password check: what a token is issued for. */
public record AuthenticatedUser(UUID id, String username, Set<String> roles) {
}
