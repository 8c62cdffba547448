package org.jwtauth.clients;

import java.util.Set;

/** What a grant reads of a stored client: its type, its secret's hash (null for a public client) and its roles. */
record StoredClientAccess(ClientType type, String secretHash, Set<String> roles) {
}
