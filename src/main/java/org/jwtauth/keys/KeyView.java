package org.jwtauth.keys;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A key as the admin API shows it: id, algorithm, state and dates, never key material. */
public record KeyView(String kid, String alg, String state,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("activates_at") Instant activatesAt,
        @JsonProperty("retires_at") Instant retiresAt) {

    static KeyView of(SigningKey key, Instant now) {
        return new KeyView(key.kid(), key.algorithm(), key.stateAt(now), key.createdAt(), key.activatesAt(),
                key.retiresAt());
    }
}
