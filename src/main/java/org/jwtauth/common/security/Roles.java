package org.jwtauth.common.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.jwtauth.common.error.AuthException;

/** Role names the service itself relies on. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final String INTROSPECT = "introspect";

    /** SPEC §6: role names are {@code [a-z0-9_-]{1,64}}. */
    public static final String NAME_PATTERN = "[a-z0-9_-]{1,64}";
    public static final String NAME_RULE = "role names are 1 to 64 of a-z 0-9 _ -";
    public static final Pattern VALID_NAME = Pattern.compile(NAME_PATTERN);
    /** The most roles one request may name. */
    public static final int MAX_PER_REQUEST = 64;

    private Roles() {
    }

    /** The given role names as a set; any invalid name is a 400 {@code invalid_request}. */
    public static Set<String> requireValid(Collection<String> roles) {
        Set<String> valid = new HashSet<>();
        for (String role : roles) {
            if (role == null || !VALID_NAME.matcher(role).matches()) {
                throw AuthException.invalidRequest("roles: " + NAME_RULE + ".");
            }
            valid.add(role);
        }
        return valid;
    }
}
