package org.jwtauth.oidc;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jwtauth.clients.ClientService;
import org.jwtauth.clients.RegisteredClient;
import org.jwtauth.oidc.IdTokenHints.Hint;
import org.jwtauth.oidc.SignInEvent.Kind;
import org.jwtauth.sessions.BrowserSession;
import org.jwtauth.sessions.RevocationService;
import org.jwtauth.sessions.SessionService;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): ends the browser session and every
 * session its code exchanges started, then sends the browser to a registered
 * {@code post_logout_redirect_uri}. Without an {@code id_token_hint} nothing proves the request comes
 * from the user's own app, so the user is asked first (the resource shows a confirmation form).
 */
@ApplicationScoped
public class EndSessionService {

    /** Where the browser goes next: a registered URI with the state, or (null) the service's own page. */
    public record Outcome(String redirectUri, String state) {
    }

    private final IdTokenHints hints;
    private final ClientService clients;
    private final SessionService sessions;
    private final RevocationService revocations;
    private final UserService users;
    private final Event<SignInEvent> events;

    EndSessionService(IdTokenHints hints, ClientService clients, SessionService sessions, RevocationService revocations,
            UserService users, Event<SignInEvent> events) {
        this.users = users;
        this.hints = hints;
        this.clients = clients;
        this.sessions = sessions;
        this.revocations = revocations;
        this.events = events;
    }

    /** True when the request carries an {@code id_token_hint}: then no confirmation is asked. */
    public boolean hasHint(Map<String, String> parameters) {
        return parameters.get("id_token_hint") != null;
    }

    /**
     * Checks the request and ends the sessions it names: the hint's browser session and the cookie's,
     * when both are the same user's (a hint of another user never ends this browser's session).
     */
    @Transactional
    public Outcome endSession(Map<String, String> parameters, Optional<BrowserSession> cookieSession, String clientAddress) {
        Optional<Hint> hint = Optional.ofNullable(parameters.get("id_token_hint")).map(token -> hints.read(token)
                .orElseThrow(() -> AuthorizationError.onPage("invalid_request", "The id_token_hint is not an ID token of this service.")));
        Optional<RegisteredClient> client = client(parameters.get("client_id"), hint);
        Outcome outcome = outcome(parameters, client);
        hint.flatMap(h -> sessions.lockLiveBrowserSession(h.browserSessionId()).filter(s -> s.userId().equals(h.userId())))
                .ifPresent(s -> end(s, client, clientAddress));
        cookieSession.filter(s -> hint.isEmpty() || s.userId().equals(hint.get().userId()))
                .flatMap(s -> sessions.lockLiveBrowserSession(s.sessionId()))
                .ifPresent(s -> end(s, client, clientAddress));
        return outcome;
    }

    private Optional<RegisteredClient> client(String clientId, Optional<Hint> hint) {
        if (clientId != null && hint.isPresent() && !hint.get().audience().contains(clientId)) {
            throw AuthorizationError.onPage("invalid_request", "The id_token_hint was not issued to this client_id.");
        }
        String named = clientId != null ? clientId
                : hint.filter(h -> h.audience().size() == 1).map(h -> h.audience().get(0)).orElse(null);
        if (named == null) {
            return Optional.empty();
        }
        return Optional.of(clients.findRegistered(named)
                .orElseThrow(() -> AuthorizationError.onPage("invalid_client", "There is no such client.")));
    }

    private static Outcome outcome(Map<String, String> parameters, Optional<RegisteredClient> client) {
        String uri = parameters.get("post_logout_redirect_uri");
        if (uri == null) {
            return new Outcome(null, null);
        }
        if (client.isEmpty() || !client.get().hasRedirectUri(uri)) {
            throw AuthorizationError.onPage("invalid_request",
                    "The post_logout_redirect_uri is not registered for the client (send id_token_hint or client_id).");
        }
        return new Outcome(uri, parameters.get("state"));
    }

    private void end(BrowserSession session, Optional<RegisteredClient> client, String clientAddress) {
        revocations.revokeSession(session.sessionId(), "end-session");
        String username = users.findActiveUser(session.userId()).map(AuthenticatedUser::username).orElse(null);
        events.fire(new SignInEvent(Kind.SIGNED_OUT, session.userId(), username,
                client.map(RegisteredClient::clientId).orElse(null), session.sessionId(), clientAddress));
    }
}
