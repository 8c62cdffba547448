package org.jwtauth.clients;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A client as the API shows it; the secret appears only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(@JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        List<String> roles,
        @JsonProperty("created_at") Instant createdAt) {

    static ClientView of(Client client, String secret) {
        return new ClientView(client.clientId, secret, client.roles.stream().sorted().toList(), client.createdAt);
    }
}
