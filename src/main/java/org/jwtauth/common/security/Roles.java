package org.jwtauth.common.security;

import java.util.regex.Pattern;

/** Role names the service itself relies on. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final String INTROSPECT = "introspect";

    /** SPEC §6: role names are {@code [a-z0-9_-]{1,64}}. */
    public static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    private Roles() {
    }
}
