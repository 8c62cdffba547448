package org.jwtauth.token;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import org.jwtauth.common.error.AuthException;

/** OAuth scopes as the service uses them: a space-separated subset of the caller's roles (least privilege). */
public final class Scopes {

    private Scopes() {
    }

    public static String format(Set<String> roles) {
        return String.join(" ", new TreeSet<>(roles));
    }

    /** A stored space-separated scope back to its roles. */
    public static Set<String> parse(String scope) {
        Set<String> roles = new LinkedHashSet<>();
        if (scope != null && !scope.isBlank()) {
            roles.addAll(Arrays.asList(scope.strip().split(" +")));
        }
        return roles;
    }

    /** The roles a token may carry: all of them when no scope is asked for, else exactly the asked subset. */
    public static Set<String> grant(String requested, Set<String> available) {
        if (requested == null || requested.isBlank()) {
            return available;
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.strip().split(" +")));
        for (String scope : asked) {
            if (!available.contains(scope)) {
                throw AuthException.invalidScope("The scope '" + scope + "' is not granted to this caller.");
            }
        }
        return asked;
    }
}
