package org.jwtauth.token;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import org.jwtauth.common.error.AuthException;

import com.fasterxml.jackson.databind.JsonNode;

/** Token request parameters from a form or a JSON object, each present at most once and a string. */
final class TokenParameters {

    private final Map<String, String> values;

    private TokenParameters(Map<String, String> values) {
        this.values = values;
    }

    static TokenParameters fromForm(MultivaluedMap<String, String> form) {
        if (form == null) {
            throw AuthException.invalidRequest("The request body is missing.");
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

    static TokenParameters fromJson(JsonNode json) {
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
    String require(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw AuthException.invalidRequest("The parameter '" + name + "' is required.");
        }
        return value;
    }

    /** A parameter that may be absent; an empty value counts as absent (RFC 6749 §3.1). */
    String optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
