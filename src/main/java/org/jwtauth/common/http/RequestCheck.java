package org.jwtauth.common.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.jwtauth.common.error.AuthException;

/**
 * The shape rules of a JSON request body, checked by the resource before it calls a service: every
 * broken rule is named ({@code field: rule}, sorted, joined by "; ") in one {@code 400 invalid_request}.
 * A few lines per request instead of Bean Validation, whose bootstrap was the largest single step of
 * a start (README "Start to ready, step by step").
 */
public final class RequestCheck {

    private final List<String> problems = new ArrayList<>();

    private RequestCheck() {
    }

    /** Starts the checks of a body; a missing body (JSON {@code null} or nothing) is refused at once. */
    public static RequestCheck of(Object body) {
        if (body == null) {
            throw AuthException.invalidRequest("The request body is missing.");
        }
        return new RequestCheck();
    }

    public RequestCheck required(String field, Object value) {
        if (value == null) {
            problems.add(field + ": must not be null");
        }
        return this;
    }

    /** A value that is present must match {@code pattern} whole; {@code rule} says what that means. */
    public RequestCheck matches(String field, String value, Pattern pattern, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(field + ": " + rule);
        }
        return this;
    }

    /** A list that is present holds at most {@code max} items. */
    public RequestCheck atMost(String field, Collection<?> values, int max) {
        if (values != null && values.size() > max) {
            problems.add(field + ": must hold at most " + max + " items");
        }
        return this;
    }

    /** Every item of a list that is present is non-null and, when {@code pattern} is given, matches it. */
    public RequestCheck eachMatches(String field, Collection<String> values, Pattern pattern, String rule) {
        if (values != null && values.stream().anyMatch(v -> v == null || pattern != null && !pattern.matcher(v).matches())) {
            problems.add(field + ": " + rule);
        }
        return this;
    }

    /** Throws the {@code 400} naming every broken rule, if any. */
    public void done() {
        if (!problems.isEmpty()) {
            throw AuthException.invalidRequest(String.join("; ", problems.stream().sorted().toList()));
        }
    }
}
