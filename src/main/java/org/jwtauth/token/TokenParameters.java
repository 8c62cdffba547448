package org.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jwtauth.common.error.AuthException;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.handler.codec.http.QueryStringDecoder;

/** Request parameters from a form or a JSON object, each present at most once and a string. */
public final class TokenParameters {

    private static final int MAX_PARAMETERS = 64;

    private final Map<String, String> values;

    private TokenParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses an {@code application/x-www-form-urlencoded} body; bad escapes are a 400, not a 500. */
    public static TokenParameters fromForm(String body) {
        if (body == null || body.isBlank()) {
            throw AuthException.invalidRequest("The request body is missing.");
        }
        Map<String, List<String>> form;
        try {
            form = new QueryStringDecoder(body, StandardCharsets.UTF_8, false, MAX_PARAMETERS, true).parameters();
        } catch (IllegalArgumentException e) {
            throw AuthException.invalidRequest("The form body is not valid URL encoding.");
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            // RFC 6749 §3.2: parameters must not be included more than once
            if (entry.getValue().size() > 1) {
                throw AuthException.invalidRequest("The parameter '" + entry.getKey() + "' is repeated.");
            }
            values.put(entry.getKey(), entry.getValue().isEmpty() ? "" : entry.getValue().get(0));
        }
        return new TokenParameters(values);
    }

    public static TokenParameters fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw AuthException.invalidRequest("The request body must be a JSON object.");
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw AuthException.invalidRequest("The field '" + field.getKey() + "' must be a string.");
            }
            values.put(field.getKey(), value.textValue());
        }
        return new TokenParameters(values);
    }

    /** A parameter that must be present and non-empty. */
    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw AuthException.invalidRequest("The parameter '" + name + "' is required.");
        }
        return value;
    }

    /** A parameter that may be absent; an empty value counts as absent (RFC 6749 §3.1). */
    public String optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
