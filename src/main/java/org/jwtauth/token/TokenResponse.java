package org.jwtauth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The RFC 6749 §5.1 success body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        String scope,
        @JsonProperty("id_token") String idToken) {

    /** An answer without an ID token (every grant but an OpenID Connect code exchange). */
    public TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String scope) {
        this(accessToken, tokenType, expiresIn, refreshToken, scope, null);
    }

    public TokenResponse withIdToken(String token) {
        return new TokenResponse(accessToken, tokenType, expiresIn, refreshToken, scope, token);
    }
}
