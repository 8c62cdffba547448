package org.jwtauth.users.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jwtauth.common.security.RoleName;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies of the user endpoints (SPEC §6 shapes). */
public final class UserRequests {

    static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]{3,64}";
    static final String USERNAME_MESSAGE = "must be 3 to 64 of the characters A-Z a-z 0-9 . _ @ -";

    private UserRequests() {
    }

    public record CreateUserRequest(
            @NotNull @Pattern(regexp = USERNAME_PATTERN, message = USERNAME_MESSAGE) String username,
            @NotNull String password,
            @Size(max = 64) List<@RoleName String> roles) {
    }

    /** Self-registration: the caller never chooses roles, so a {@code roles} field is refused. */
    public record RegisterRequest(
            @NotNull @Pattern(regexp = USERNAME_PATTERN, message = USERNAME_MESSAGE) String username,
            @NotNull String password,
            JsonNode roles) {
    }

    public record UpdateUserRequest(
            @Size(max = 64) List<@RoleName String> roles,
            Boolean enabled) {
    }

    public record ChangePasswordRequest(
            @NotNull @JsonProperty("current_password") String currentPassword,
            @NotNull @JsonProperty("new_password") String newPassword) {
    }
}
