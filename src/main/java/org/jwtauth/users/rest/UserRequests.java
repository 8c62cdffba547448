package org.jwtauth.users.rest;

import java.util.List;
import java.util.regex.Pattern;

import org.jwtauth.common.http.RequestCheck;
import org.jwtauth.common.security.Roles;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies of the user endpoints (SPEC §6 shapes). */
public final class UserRequests {

    static final Pattern USERNAME_PATTERN = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
    static final String USERNAME_MESSAGE = "must be 3 to 64 of the characters A-Z a-z 0-9 . _ @ -";

    private UserRequests() {
    }

    public record CreateUserRequest(String username, String password, List<String> roles) {

        static CreateUserRequest checked(CreateUserRequest request) {
            RequestCheck.of(request)
                    .required("username", request.username())
                    .matches("username", request.username(), USERNAME_PATTERN, USERNAME_MESSAGE)
                    .required("password", request.password())
                    .atMost("roles", request.roles(), Roles.MAX_PER_REQUEST)
                    .eachMatches("roles", request.roles(), Roles.VALID_NAME, Roles.NAME_RULE)
                    .done();
            return request;
        }
    }

    /** Self-registration: the caller never chooses roles, so a {@code roles} field is refused. */
    public record RegisterRequest(String username, String password, JsonNode roles) {

        static RegisterRequest checked(RegisterRequest request) {
            RequestCheck.of(request)
                    .required("username", request.username())
                    .matches("username", request.username(), USERNAME_PATTERN, USERNAME_MESSAGE)
                    .required("password", request.password())
                    .done();
            return request;
        }
    }

    public record UpdateUserRequest(List<String> roles, Boolean enabled) {

        static UpdateUserRequest checked(UpdateUserRequest request) {
            RequestCheck.of(request)
                    .atMost("roles", request.roles(), Roles.MAX_PER_REQUEST)
                    .eachMatches("roles", request.roles(), Roles.VALID_NAME, Roles.NAME_RULE)
                    .done();
            return request;
        }
    }

    public record ChangePasswordRequest(
            @JsonProperty("current_password") String currentPassword,
            @JsonProperty("new_password") String newPassword) {

        static ChangePasswordRequest checked(ChangePasswordRequest request) {
            RequestCheck.of(request)
                    .required("current_password", request.currentPassword())
                    .required("new_password", request.newPassword())
                    .done();
            return request;
        }
    }
}
