package org.jwtauth.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jwtauth.common.error.AuthException;

/**
 * Which redirect URIs a client may register (RFC 9700 §2.1, §4.1; RFC 8252 for native apps):
 * absolute, no fragment, https, plain http only to a loopback address, or a private-use scheme in
 * reverse-domain form ({@code com.example.app:/callback}). Never {@code javascript:}, {@code data:}...
 */
public final class RedirectUris {

    static final int MAX_COUNT = 20;
    static final int MAX_LENGTH = 512;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUris() {
    }

    static List<String> requireValid(List<String> uris) {
        if (uris == null) {
            return List.of();
        }
        if (uris.size() > MAX_COUNT) {
            throw AuthException.invalidRequest("At most " + MAX_COUNT + " redirect URIs.");
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String uri : uris) {
            String problem = problemWith(uri);
            if (problem != null) {
                throw AuthException.invalidRequest("The redirect URI '" + shorten(uri) + "' " + problem + ".");
            }
            valid.add(uri);
        }
        return new ArrayList<>(valid);
    }

    /** Why the URI cannot be registered, or null when it can. */
    static String problemWith(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters";
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "is not a valid URI";
        }
        if (!parsed.isAbsolute()) {
            return "must be absolute";
        }
        if (parsed.getRawFragment() != null) {
            return "must not have a fragment";
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "https" -> parsed.getHost() == null ? "must name a host" : null;
            case "http" -> parsed.getHost() != null && LOOPBACK.contains(parsed.getHost().toLowerCase(Locale.ROOT))
                    ? null : "may use http only for a loopback address (localhost, 127.0.0.1, [::1])";
            default -> scheme.contains(".") ? null
                    : "must use https or a private-use scheme in reverse-domain form (com.example.app)";
        };
    }

    private static String shorten(String uri) {
        return uri == null ? "" : uri.length() > 80 ? uri.substring(0, 80) + "…" : uri;
    }
}
