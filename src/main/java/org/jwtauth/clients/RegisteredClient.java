package org.jwtauth.clients;

import java.util.List;
import java.util.Set;

/**
 * The client a request is made by: a confidential client whose secret was checked, a public client
 * that named itself, or the built-in default client when the request names none (SPEC §2).
 */
public record RegisteredClient(String clientId, ClientType type, Set<String> roles, List<String> redirectUris) {

    public boolean isPublic() {
        return type == ClientType.PUBLIC;
    }

    /** Exact string comparison (RFC 9700 §4.1.3): no prefixes, no wildcards, no normalisation. */
    public boolean hasRedirectUri(String uri) {
        return uri != null && redirectUris.contains(uri);
    }
}
