package org.jwtauth.clients;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A client as the API shows it; the secret appears only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(@JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        ClientType type,
        List<String> roles,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("created_at") Instant createdAt,
        /** True for the clients the service defines itself ({@code first-party}, {@code console}); absent otherwise. */
        @JsonProperty("built_in") Boolean builtIn) {

    static ClientView of(Client client, String secret) {
        return new ClientView(client.clientId, secret, client.clientType(), client.roles.stream().sorted().toList(),
                client.redirectUris.stream().sorted().toList(), client.createdAt, null);
    }

    static ClientView builtIn(RegisteredClient client) {
        return new ClientView(client.clientId(), null, client.type(), client.roles().stream().sorted().toList(),
                client.redirectUris(), null, true);
    }
}
