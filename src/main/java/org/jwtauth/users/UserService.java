package org.jwtauth.users;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.persistence.DataAccessException;
import org.jwtauth.common.security.Roles;
import org.jwtauth.sessions.RevocationService;
import org.jwtauth.throttle.LoginThrottle;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Users: creation under the password policy, credential checks, roles and the enabled flag.
 * Password hashes are computed outside any transaction, so a request waiting for a hash slot never
 * holds a database connection; changes of rights lock the user's row, so a login or refresh that
 * races with them re-reads the user after the change (see {@link #lockActiveUser}).
 */
@ApplicationScoped
@Transactional
public class UserService {

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RevocationService sessions;
    private final LoginThrottle throttle;
    private final BootstrapGate bootstrap;
    private final Event<UserChanged> changes;
    private final Clock clock;

    public UserService(UserRepository repository, PasswordHasher hasher, PasswordPolicy policy, RevocationService sessions,
            LoginThrottle throttle, BootstrapGate bootstrap, Event<UserChanged> changes, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.throttle = throttle;
        this.bootstrap = bootstrap;
        this.changes = changes;
        this.clock = clock;
    }

    /** Creates a user; a taken username is refused before any hash is spent (no timing oracle). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public UserView createUser(String username, String password, Collection<String> roles) {
        policy.check(password, username);
        Set<String> validRoles = Roles.requireValid(roles == null ? Set.of(Roles.USER) : roles);
        if (QuarkusTransaction.requiringNew().call(() -> repository.findByUsername(username).isPresent())) {
            throw AuthException.userExists();
        }
        String hash = hasher.hash(password);
        return QuarkusTransaction.requiringNew().call(() -> insert(username, hash, validRoles));
    }

    /** Self-registration: counted per client address (SPEC §7), then created with the role {@code user}. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public UserView register(String username, String password, String clientAddress) {
        throttle.reserveRegistration(clientAddress);
        bootstrap.awaitCreated(username);
        return createUser(username, password, Set.of(Roles.USER));
    }

    private UserView insert(String username, String hash, Set<String> roles) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.username = username;
        user.usernameKey = UserRepository.key(username);
        user.passwordHash = hash;
        user.enabled = true;
        user.roles = roles;
        user.createdAt = clock.instant();
        user.updatedAt = user.createdAt;
        try {
            repository.insert(user);
        } catch (DataAccessException e) {
            if (DataAccessException.isUniqueViolation(e)) {
                // a concurrent request took the name between our check and our insert
                throw AuthException.userExists();
            }
            throw e;
        }
        changed(UserChanged.Change.CREATED, user);
        return UserView.of(user);
    }

    /**
     * Checks a username and password. Unknown user, wrong password and disabled account all cost one
     * Argon2 run and give the same answer (empty). The answer is only a hint: the session is created
     * under {@link #lockActiveUser}, which is what decides.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<AuthenticatedUser> authenticate(String username, String password) {
        bootstrap.awaitCreated(username);
        Optional<Credentials> found = QuarkusTransaction.requiringNew().call(() -> repository.findByUsername(username)
                .map(Credentials::of));
        if (found.isEmpty()) {
            hasher.matchDummy(password);
            return Optional.empty();
        }
        Credentials user = found.get();
        if (!hasher.matches(password, user.hash()) || !user.enabled()) {
            return Optional.empty();
        }
        if (hasher.needsUpgrade(user.hash())) {
            String upgraded = hasher.hash(password);
            QuarkusTransaction.requiringNew().run(() -> repository.upgradePassword(user.id(), user.hash(), upgraded));
        }
        return QuarkusTransaction.requiringNew().call(() -> findActiveUser(user.id()));
    }

    /** What a password check needs, read in one short transaction. */
    private record Credentials(UUID id, String username, String hash, boolean enabled) {
        static Credentials of(User u) {
            return new Credentials(u.id, u.username, u.passwordHash, u.enabled);
        }
    }

    /** The user behind a token, if it still exists and is enabled. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AuthenticatedUser> findActiveUser(UUID id) {
        return repository.findById(id).filter(u -> u.enabled).map(UserService::authenticated);
    }

    /**
     * The user, if still enabled, with its current roles, read under its row lock until the caller's
     * transaction ends. A change of rights takes the same lock before it records its cut-off, so a
     * session or token made under this lock is either refused by the change or sees it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuthenticatedUser> lockActiveUser(UUID id) {
        return repository.lockIfEnabled(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserView findUser(UUID id) {
        return repository.findById(id).map(UserView::of).orElseThrow(() -> AuthException.notFound("User"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageView<UserView> listUsers(String query, PageRequest page) {
        return PageView.of(repository.search(query, page).stream().map(UserView::of).toList(), page,
                repository.count(query));
    }

    /** Any change of roles or of the enabled flag refuses every token issued to the user before it. */
    public UserView updateUser(UUID id, Collection<String> roles, Boolean enabled) {
        Set<String> newRoles = roles == null ? null : Roles.requireValid(roles);
        User user = lockForRightsChange(id);
        boolean staysAdmin = (newRoles == null ? user.roles : newRoles).contains(Roles.ADMIN)
                && (enabled == null ? user.enabled : enabled);
        if (!staysAdmin) {
            requireAnotherAdmin(user);
        }
        boolean rightsChanged = false;
        if (newRoles != null && !newRoles.equals(user.roles)) {
            user.roles.clear();
            user.roles.addAll(newRoles);
            rightsChanged = true;
        }
        if (enabled != null && enabled != user.enabled) {
            user.enabled = enabled;
            rightsChanged = true;
        }
        if (!user.enabled) {
            sessions.revokeAllForSubject(id.toString(), "user-disabled");
        } else if (rightsChanged) {
            // sessions survive a change of roles: the next refresh carries the new ones
            sessions.revokeAccessTokensOfSubject(id.toString(), "roles-changed");
        }
        user.updatedAt = clock.instant();
        repository.update(user, newRoles != null);
        changed(UserChanged.Change.UPDATED, user);
        return UserView.of(user);
    }

    public void deleteUser(UUID id) {
        User user = lockForRightsChange(id);
        requireAnotherAdmin(user);
        repository.delete(user);
        sessions.revokeAllForSubject(id.toString(), "user-deleted");
        changed(UserChanged.Change.DELETED, user);
    }

    /** Ends every session of a user and refuses every access token issued to it so far. */
    public void logoutUser(UUID id) {
        User user = lockedUser(id);
        sessions.revokeAllForSubject(id.toString(), "admin-logout");
        changed(UserChanged.Change.SESSIONS_ENDED, user);
    }

    /** Forgets the failed logins of the user's username, so it may log in again at once. */
    public void clearLockout(UUID id) {
        User user = repository.findById(id).orElseThrow(() -> AuthException.notFound("User"));
        throttle.clearUsername(user.username);
        changed(UserChanged.Change.LOCKOUT_CLEARED, user);
    }

    /**
     * Changes the password and ends every other session of the user; the caller's own session stays.
     * The current password is throttled like a login of the user: a stolen token is no password oracle.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void changePassword(UUID id, UUID callerSessionId, String currentPassword, String newPassword,
            String clientAddress) {
        Credentials user = QuarkusTransaction.requiringNew().call(() -> repository.findById(id).filter(u -> u.enabled)
                .map(Credentials::of))
                .orElseThrow(() -> AuthException.notFound("User"));
        String username = user.username();
        LoginThrottle.Attempt attempt = throttle.reserve(username, clientAddress);
        boolean matches;
        try {
            matches = hasher.matches(currentPassword, user.hash());
        } catch (RuntimeException e) {
            throttle.released(attempt);
            throw e;
        }
        if (!matches) {
            throttle.failed(attempt);
            throw new AuthException(400, "invalid_grant", "The current password is wrong.");
        }
        throttle.succeeded(attempt);
        policy.check(newPassword, username);
        String hash = hasher.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> storePassword(id, user.hash(), hash, callerSessionId));
    }

    private void storePassword(UUID id, String expectedHash, String hash, UUID callerSessionId) {
        User user = repository.lock(id).filter(u -> u.enabled).orElseThrow(() -> AuthException.notFound("User"));
        if (!user.passwordHash.equals(expectedHash)) {
            throw new AuthException(409, "conflict", "The password was changed meanwhile; try again.");
        }
        user.passwordHash = hash;
        user.updatedAt = clock.instant();
        repository.update(user, false);
        sessions.revokeOtherSessions(id, callerSessionId, "password-changed");
        changed(UserChanged.Change.PASSWORD_CHANGED, user);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countUsers() {
        return repository.countAll();
    }

    private User lockedUser(UUID id) {
        return repository.lock(id).orElseThrow(() -> AuthException.notFound("User"));
    }

    /**
     * The user under its row lock; for an admin, every admin row is locked first (in id order, so two
     * such changes never deadlock), so two admins demoting each other at once cannot both succeed.
     */
    private User lockForRightsChange(UUID id) {
        if (repository.isAdmin(id)) {
            repository.lockAdmins();
        }
        return lockedUser(id);
    }

    /** 409 unless another enabled admin remains; counted while the admin rows are locked. */
    private void requireAnotherAdmin(User user) {
        if (!user.enabled || !user.roles.contains(Roles.ADMIN)) {
            return;
        }
        if (repository.countOtherEnabledAdmins(user.id) == 0) {
            throw new AuthException(409, "conflict", "This would leave no enabled user with the role admin.");
        }
    }

    private static AuthenticatedUser authenticated(User u) {
        return new AuthenticatedUser(u.id, u.username, Set.copyOf(u.roles));
    }

    private void changed(UserChanged.Change change, User user) {
        changes.fire(new UserChanged(change, user.id, user.username, Set.copyOf(user.roles), user.enabled));
    }
}
