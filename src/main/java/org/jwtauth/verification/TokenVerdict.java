package org.jwtauth.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the verifier says of a pasted token: valid, or the {@link Rejection} it names. Carries no part
 * of the token itself, only facts the service decided.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenVerdict(boolean valid, String reason, String description, String kid,
        @JsonProperty("expires_at") Long expiresAt) {

    static TokenVerdict accepted(VerifiedAccessToken token) {
        return new TokenVerdict(true, null, "The service accepts this access token.", token.kid(), token.expiresAt());
    }

    static TokenVerdict refused(Rejection rejection) {
        return new TokenVerdict(false, rejection.code(), rejection.text(), null, null);
    }
}
