package org.jwtauth.token;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jwtauth.common.metrics.AuthMetrics;
import org.jwtauth.throttle.LoginThrottle;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/**
 * One password check under the login throttle (SPEC §7): a locked username or address is refused
 * with a 429 before any hash is computed; every failure (unknown user, wrong password, disabled
 * user alike) is counted; a success resets the username. Each attempt is reported for the audit.
 */
@ApplicationScoped
class PasswordLogin {

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
    Optional<AuthenticatedUser> authenticate(String username, String password, String clientAddress) {
        throttle.checkAllowed(username, clientAddress);
        Optional<AuthenticatedUser> user = users.authenticate(username, password);
        if (user.isPresent()) {
            throttle.recordSuccess(username);
            attempts.fire(new LoginAttempted(user.get().username(), user.get().id(), clientAddress, true));
            return user;
        }
        metrics.loginFailed();
        attempts.fire(new LoginAttempted(username, null, clientAddress, false));
        throttle.recordFailure(username, clientAddress);
        return Optional.empty();
    }
}
