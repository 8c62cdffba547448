package org.jwtauth.clients;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.config.AuthConfig;

/**
 * The public clients the service defines itself, from configuration rather than the database: the
 * default client that every request naming no client is made by ({@code auth.clients.default-client-id},
 * SPEC §2) and the web console (SPEC §12), whose redirect URI is the service's own {@code /console/}.
 */
@ApplicationScoped
public class BuiltInClients {

    public static final String CONSOLE = "console";

    private final RegisteredClient defaultClient;
    private final Map<String, RegisteredClient> byId;

    BuiltInClients(AuthConfig config) {
        this.defaultClient = new RegisteredClient(config.clients().defaultClientId(), ClientType.PUBLIC, Set.of(), List.of());
        List<String> consoleUris = config.clients().console().redirectUris()
                .orElseGet(() -> List.of(withoutTrailingSlash(config.issuer()) + "/console/"));
        RegisteredClient console = new RegisteredClient(CONSOLE, ClientType.PUBLIC, Set.of(), List.copyOf(consoleUris));
        this.byId = Map.of(defaultClient.clientId(), defaultClient, CONSOLE, console);
    }

    /** The client of a request that names none. */
    public RegisteredClient defaultClient() {
        return defaultClient;
    }

    Optional<RegisteredClient> find(String clientId) {
        return Optional.ofNullable(byId.get(clientId));
    }

    boolean isBuiltIn(String clientId) {
        return byId.containsKey(clientId);
    }

    List<RegisteredClient> all() {
        return byId.values().stream().sorted((a, b) -> a.clientId().compareTo(b.clientId())).toList();
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
