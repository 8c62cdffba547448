package org.jwtauth.token;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.audit.AuditService;
import org.jwtauth.audit.AuditType;
import org.jwtauth.common.http.ClientAddressResolver;
import org.jwtauth.throttle.LoginThrottle;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/**
 * A password check under throttling and audit: refuses locked usernames and addresses with a 429
 * before any hash is computed, counts every failure (unknown user, wrong password, disabled user
 * alike), resets the username on success, and audits the outcome.
 */
@ApplicationScoped
public class PasswordLogin {

    private final UserService users;
    private final LoginThrottle throttle;
    private final AuditService audit;

    public PasswordLogin(UserService users, LoginThrottle throttle, AuditService audit) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * The user behind the credentials, or empty (the caller answers its usual bad-credentials
     * error). Throws a 429 {@code AuthException} while the username or address is locked.
     *
     * @param clientAddress the resolved client address ({@link ClientAddressResolver}), or null
     */
    public Optional<AuthenticatedUser> authenticate(String username, String password, String clientAddress) {
        throttle.checkAllowed(username, clientAddress);
        Optional<AuthenticatedUser> user = users.authenticate(username, password);
        if (user.isPresent()) {
            throttle.recordSuccess(username);
            audit.recordIndependently(AuditType.LOGIN_SUCCESS, user.get().id(), user.get().username(), clientAddress, Map.of());
            return user;
        }
        audit.recordIndependently(AuditType.LOGIN_FAILURE, null, username, clientAddress, Map.of());
        for (LoginThrottle.Lock lock : throttle.recordFailure(username, clientAddress)) {
            AuditType type = lock.scope() == LoginThrottle.Scope.USERNAME ? AuditType.ACCOUNT_LOCKED : AuditType.ADDRESS_BLOCKED;
            audit.recordIndependently(type, null, username, clientAddress,
                    Map.of("lock_seconds", Long.toString(lock.duration().toSeconds())));
        }
        return Optional.empty();
    }
}
