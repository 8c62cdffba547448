package org.jwtauth.oidc.rest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.netty.handler.codec.http.QueryStringDecoder;

import org.jwtauth.oidc.AuthorizationError;

/** A query string or form body as first values plus the names that were repeated (RFC 6749 §3.1). */
record RequestParameters(Map<String, String> values, Set<String> repeated) {

    private static final int MAX_PARAMETERS = 64;

    static RequestParameters parse(String encoded) {
        Map<String, List<String>> decoded;
        try {
            decoded = new QueryStringDecoder(encoded == null ? "" : encoded, StandardCharsets.UTF_8, false,
                    MAX_PARAMETERS, true).parameters();
        } catch (IllegalArgumentException e) {
            throw AuthorizationError.onPage("invalid_request", "The request is not valid URL encoding.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> repeated = new TreeSet<>();
        decoded.forEach((name, list) -> {
            String first = list.isEmpty() ? "" : list.get(0);
            if (!first.isEmpty()) {
                values.put(name, first); // RFC 6749 §3.1: an empty value counts as absent
            }
            if (list.size() > 1) {
                repeated.add(name);
            }
        });
        return new RequestParameters(values, repeated);
    }

    String get(String name) {
        return values.get(name);
    }

    /** Everything but the given names (what the sign-in form carries along in hidden fields). */
    Map<String, String> without(Set<String> names) {
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.keySet().removeAll(names);
        return kept;
    }
}
