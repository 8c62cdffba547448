package org.jwtauth.users;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.security.Roles;
import org.jwtauth.sessions.RevocationService;

/** Users: creation under the password policy, credential checks, roles and the enabled flag. */
@ApplicationScoped
@Transactional
public class UserService {

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RevocationService sessions;
    private final Event<UserChanged> changes;
    private final Clock clock;

    public UserService(UserRepository repository, PasswordHasher hasher, PasswordPolicy policy, RevocationService sessions,
            Event<UserChanged> changes, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.changes = changes;
        this.clock = clock;
    }

    public UserView createUser(String username, String password, Collection<String> roles) {
        policy.check(password, username);
        User user = new User();
        user.id = UUID.randomUUID();
        user.username = username;
        user.usernameKey = UserRepository.key(username);
        user.passwordHash = hasher.hash(password);
        user.enabled = true;
        user.roles = Roles.requireValid(roles == null ? Set.of(Roles.USER) : roles);
        user.createdAt = clock.instant();
        user.updatedAt = user.createdAt;
        if (repository.findByUsername(username).isPresent()) {
            throw AuthException.userExists();
        }
        try {
            repository.persist(user);
            repository.flush();
        } catch (ConstraintViolationException e) {
            // a concurrent request took the name between our check and our insert
            throw AuthException.userExists();
        }
        changed(UserChanged.Change.CREATED, user);
        return UserView.of(user);
    }

    /**
     * Checks a username and password. Unknown user, wrong password and disabled account all cost one
     * Argon2 run and give the same answer (empty).
     */
    public Optional<AuthenticatedUser> authenticate(String username, String password) {
        Optional<User> found = repository.findByUsername(username);
        if (found.isEmpty()) {
            hasher.matchDummy(password);
            return Optional.empty();
        }
        User user = found.get();
        if (!hasher.matches(password, user.passwordHash) || !user.enabled) {
            return Optional.empty();
        }
        if (hasher.needsUpgrade(user.passwordHash)) {
            user.passwordHash = hasher.hash(password);
            user.updatedAt = clock.instant();
        }
        return Optional.of(new AuthenticatedUser(user.id, user.username, Set.copyOf(user.roles)));
    }

    /** The user behind a token, if it still exists and is enabled. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AuthenticatedUser> findActiveUser(UUID id) {
        return repository.findById(id)
                .filter(u -> u.enabled)
                .map(u -> new AuthenticatedUser(u.id, u.username, Set.copyOf(u.roles)));
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

    public UserView updateUser(UUID id, Collection<String> roles, Boolean enabled) {
        User user = repository.findById(id).orElseThrow(() -> AuthException.notFound("User"));
        if (roles != null) {
            user.roles.clear();
            user.roles.addAll(Roles.requireValid(roles));
        }
        if (enabled != null) {
            user.enabled = enabled;
            if (!enabled) {
                sessions.revokeAllForSubject(id.toString(), "user-disabled");
            }
        }
        user.updatedAt = clock.instant();
        changed(UserChanged.Change.UPDATED, user);
        return UserView.of(user);
    }

    public void deleteUser(UUID id) {
        User user = repository.findById(id).orElseThrow(() -> AuthException.notFound("User"));
        repository.delete(user);
        sessions.revokeAllForSubject(id.toString(), "user-deleted");
        changed(UserChanged.Change.DELETED, user);
    }

    /** Ends every session of a user and refuses every access token issued to it so far. */
    public void logoutUser(UUID id) {
        User user = repository.findById(id).orElseThrow(() -> AuthException.notFound("User"));
        sessions.revokeAllForSubject(id.toString(), "admin-logout");
        changed(UserChanged.Change.SESSIONS_ENDED, user);
    }

    /** Changes the password and ends every other session of the user; the caller's own session stays. */
    public void changePassword(UUID id, UUID callerSessionId, String currentPassword, String newPassword) {
        User user = repository.findById(id).filter(u -> u.enabled).orElseThrow(() -> AuthException.notFound("User"));
        if (!hasher.matches(currentPassword, user.passwordHash)) {
            throw new AuthException(400, "invalid_grant", "The current password is wrong.");
        }
        policy.check(newPassword, user.username);
        user.passwordHash = hasher.hash(newPassword);
        user.updatedAt = clock.instant();
        sessions.revokeOtherSessions(id, callerSessionId, "password-changed");
        changed(UserChanged.Change.PASSWORD_CHANGED, user);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countUsers() {
        return repository.countAll();
    }

    private void changed(UserChanged.Change change, User user) {
        changes.fire(new UserChanged(change, user.id, user.username, Set.copyOf(user.roles), user.enabled));
    }
}
