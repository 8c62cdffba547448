package org.jwtauth.token;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jwtauth.common.metrics.AuthMetrics;
import org.jwtauth.throttle.LoginThrottle;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/**
 * One password check under the login throttle (SPEC §7): the attempt is counted before any hash is
 * computed, and a locked username or address is refused with a 429 instead; every failure (unknown
 * user, wrong password, disabled user alike) stays counted; a success resets the username. A failure
 * is reported for the audit at once; a success only by the caller, in the transaction that starts the
 * session ({@link #recordSuccess}), so a login that a racing disable stops is never audited a success.
 */
@ApplicationScoped
public class PasswordLogin {

    private final UserService users;
    private final LoginThrottle throttle;
    private final AuthMetrics metrics;
    private final Event<LoginAttempted> attempts;

    PasswordLogin(UserService users, LoginThrottle throttle, AuthMetrics metrics, Event<LoginAttempted> attempts) {
        this.users = users;
        this.throttle = throttle;
        this.metrics = metrics;
        this.attempts = attempts;
    }

    /**
     * The user behind the credentials, or empty (the caller answers its usual bad-credentials error).
     *
     * @param clientAddress the resolved client address, or null
     */
    public Optional<AuthenticatedUser> authenticate(String username, String password, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.reserve(username, clientAddress);
        Optional<AuthenticatedUser> user;
        try {
            user = users.authenticate(username, password);
        } catch (RuntimeException e) {
            // no hash slot (503) or a database failure: the password was never judged
            throttle.released(attempt);
            throw e;
        }
        if (user.isPresent()) {
            throttle.succeeded(attempt);
            return user;
        }
        metrics.loginFailed();
        attempts.fire(new LoginAttempted(username, null, clientAddress, false));
        throttle.failed(attempt);
        return Optional.empty();
    }

    /** Audits the login as a success; call it in the transaction that starts the session, after the user's row lock. */
    public void recordSuccess(AuthenticatedUser user, String clientAddress) {
        attempts.fire(new LoginAttempted(user.username(), user.id(), clientAddress, true));
    }

    /**
     * Audits a login whose password was right but that produced no session: the user was disabled or
     * deleted meanwhile, or asked for a scope it lacks.
     */
    public void recordRefusal(AuthenticatedUser user, String clientAddress) {
        metrics.loginFailed();
        attempts.fire(new LoginAttempted(user.username(), null, clientAddress, false));
    }
}
