package org.jwtauth.common.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The one error body of the service (RFC 6749 §5.2 shape). */
public record ApiError(String error, @JsonProperty("error_description") String errorDescription) {
}
