package org.jwtauth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The RFC 7662 §2.2 answer: the token's metadata when active, else only {@code "active": false}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
        boolean active,
        String sub,
        String username,
        String scope,
        @JsonProperty("client_id") String clientId,
        Long exp,
        Long iat,
        String iss,
        Object aud,
        @JsonProperty("token_type") String tokenType) {

    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";

    static IntrospectionResponse inactive() {
        return new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null);
    }
}
