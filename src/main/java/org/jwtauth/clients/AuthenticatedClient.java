package org.jwtauth.clients;

import java.util.Set;

/** A client whose secret was checked. */
public record AuthenticatedClient(String clientId, Set<String> roles) {
}
