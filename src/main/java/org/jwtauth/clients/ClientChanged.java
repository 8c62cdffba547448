package org.jwtauth.clients;

import java.util.Set;

/** A service client was created, deleted or given a new secret. */
public record ClientChanged(Change change, String clientId, Set<String> roles) {

    public enum Change { CREATED, DELETED, SECRET_ROTATED }
}
