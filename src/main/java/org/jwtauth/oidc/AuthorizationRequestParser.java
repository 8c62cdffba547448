package org.jwtauth.oidc;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.clients.ClientService;
import org.jwtauth.clients.RegisteredClient;
import org.jwtauth.common.security.Roles;
import org.jwtauth.oidc.AuthorizationRequest.Prompt;

/**
 * Checks the parameters of {@code /auth/authorize} (SPEC §11). The client and the redirect URI are
 * checked first: until both are known to belong together every error stays on the service's page.
 */
@ApplicationScoped
public class AuthorizationRequestParser {

    static final String OPENID = "openid";
    private static final int MAX_ECHOED_LENGTH = 512;
    private static final Pattern ROLE = Pattern.compile(Roles.NAME_PATTERN);

    private final ClientService clients;

    AuthorizationRequestParser(ClientService clients) {
        this.clients = clients;
    }

    /**
     * @param parameters each parameter's first value
     * @param repeated   the names sent more than once (RFC 6749 §3.1: an error)
     */
    public AuthorizationRequest parse(Map<String, String> parameters, Set<String> repeated) {
        RegisteredClient client = client(parameters, repeated);
        String redirectUri = parameters.get("redirect_uri");
        if (redirectUri == null || repeated.contains("redirect_uri")) {
            throw AuthorizationError.onPage("invalid_request", "The request has no single redirect_uri.");
        }
        if (!client.hasRedirectUri(redirectUri)) {
            throw AuthorizationError.onPage("invalid_request", "The redirect_uri is not registered for this client.");
        }
        String state = parameters.get("state");
        Redirectable back = new Redirectable(redirectUri, state != null && state.length() <= MAX_ECHOED_LENGTH ? state : null);
        if (!repeated.isEmpty()) {
            throw back.error("invalid_request", "The parameter '" + repeated.iterator().next() + "' is repeated.");
        }
        checkSupported(parameters, back);
        String challenge = pkceChallenge(parameters, back);
        Set<String> scope = scope(parameters.get("scope"), back);
        boolean openid = scope.remove(OPENID);
        return new AuthorizationRequest(client, redirectUri, scope, openid, state,
                echoed(parameters, "nonce", back), challenge, prompt(parameters.get("prompt"), back),
                maxAge(parameters.get("max_age"), back));
    }

    private RegisteredClient client(Map<String, String> parameters, Set<String> repeated) {
        String clientId = parameters.get("client_id");
        if (clientId == null || repeated.contains("client_id")) {
            throw AuthorizationError.onPage("invalid_request", "The request has no single client_id.");
        }
        return clients.findRegistered(clientId)
                .orElseThrow(() -> AuthorizationError.onPage("invalid_client", "There is no such client."));
    }

    private static void checkSupported(Map<String, String> parameters, Redirectable back) {
        if (parameters.containsKey("request")) {
            throw back.error("request_not_supported", "Request objects are not supported.");
        }
        if (parameters.containsKey("request_uri")) {
            throw back.error("request_uri_not_supported", "request_uri is not supported.");
        }
        String responseType = parameters.get("response_type");
        if (responseType == null) {
            throw back.error("invalid_request", "The parameter 'response_type' is required.");
        }
        if (!responseType.equals("code")) {
            throw back.error("unsupported_response_type", "Only response_type=code is supported (no implicit flow).");
        }
        String mode = parameters.get("response_mode");
        if (mode != null && !mode.equals("query")) {
            throw back.error("invalid_request", "Only response_mode=query is supported.");
        }
        echoed(parameters, "state", back);
    }

    private static String pkceChallenge(Map<String, String> parameters, Redirectable back) {
        String challenge = parameters.get("code_challenge");
        String method = parameters.get("code_challenge_method");
        if (challenge == null) {
            throw back.error("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
        }
        if (!Pkce.S256.equals(method)) {
            throw back.error("invalid_request", "Only code_challenge_method=S256 is supported; plain is refused.");
        }
        if (!Pkce.isChallenge(challenge)) {
            throw back.error("invalid_request", "The code_challenge is not a base64url SHA-256 value.");
        }
        return challenge;
    }

    private static Set<String> scope(String scope, Redirectable back) {
        Set<String> values = new LinkedHashSet<>();
        if (scope == null || scope.isBlank()) {
            return values;
        }
        for (String value : scope.strip().split(" +")) {
            if (!value.equals(OPENID) && !ROLE.matcher(value).matches()) {
                throw back.error("invalid_scope", "The scope '" + shorten(value) + "' is not a role or openid.");
            }
            values.add(value);
        }
        return values;
    }

    private static Prompt prompt(String prompt, Redirectable back) {
        if (prompt == null || prompt.isBlank()) {
            return Prompt.DEFAULT;
        }
        Set<String> values = Set.of(prompt.strip().split(" +"));
        if (!Set.of("none", "login", "consent", "select_account").containsAll(values)) {
            throw back.error("invalid_request", "prompt may be none, login, consent or select_account.");
        }
        if (values.contains("none")) {
            if (values.size() > 1) {
                throw back.error("invalid_request", "prompt=none cannot be combined with other values.");
            }
            return Prompt.NONE;
        }
        // there is no consent screen: first-party sign-in only
        return values.contains("login") ? Prompt.LOGIN : Prompt.DEFAULT;
    }

    private static Long maxAge(String maxAge, Redirectable back) {
        if (maxAge == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(maxAge);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw back.error("invalid_request", "max_age must be a number of seconds.");
    }

    private static String echoed(Map<String, String> parameters, String name, Redirectable back) {
        String value = parameters.get(name);
        if (value != null && value.length() > MAX_ECHOED_LENGTH) {
            throw back.error("invalid_request", "The parameter '" + name + "' is longer than " + MAX_ECHOED_LENGTH + ".");
        }
        return value;
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }

    /** Where errors go once the redirect URI is known to be the client's. */
    private record Redirectable(String redirectUri, String state) {
        AuthorizationError error(String error, String description) {
            return AuthorizationError.toClient(redirectUri, state, error, description);
        }
    }
}
