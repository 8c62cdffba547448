package org.jwtauth.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user as the API shows it: never the password hash. */
public record UserView(UUID id, String username, List<String> roles, boolean enabled,
        @JsonProperty("created_at") Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.id, user.username, user.roles.stream().sorted().toList(), user.enabled, user.createdAt);
    }
}
