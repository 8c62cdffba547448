package org.jwtauth.users;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;
import org.jwtauth.audit.AuditService;
import org.jwtauth.audit.AuditType;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.security.Roles;
import org.jwtauth.sessions.SessionService;

/** Users: creation under the password policy, credential checks, roles and the enabled flag. */
@ApplicationScoped
@Transactional
public class UserService {

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SessionService sessions;
    private final AuditService audit;

    public UserService(UserRepository repository, PasswordHasher hasher, PasswordPolicy policy, SessionService sessions,
            AuditService audit) {
        this.repository = repository;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.audit = audit;
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
        user.createdAt = Instant.now();
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
        audit.recordChange(AuditType.USER_CREATED, user.id, user.username, Map.of("roles", rolesText(user.roles)));
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
            user.updatedAt = Instant.now();
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
    public PageView<UserView> listUsers(String query, int page, int size) {
        return new PageView<>(repository.search(query, page, size).stream().map(UserView::of).toList(),
                page, size, repository.count(query));
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
        user.updatedAt = Instant.now();
        audit.recordChange(AuditType.USER_UPDATED, user.id, user.username,
                Map.of("roles", rolesText(user.roles), "enabled", Boolean.toString(user.enabled)));
        return UserView.of(user);
    }

    public void deleteUser(UUID id) {
        User user = repository.findById(id).orElseThrow(() -> AuthException.notFound("User"));
        repository.delete(user);
        sessions.revokeAllForSubject(id.toString(), "user-deleted");
        audit.recordChange(AuditType.USER_DELETED, user.id, user.username, Map.of());
    }

    /** Ends every session of a user and refuses every access token issued to it so far. */
    public void logoutUser(UUID id) {
        User user = repository.findById(id).orElseThrow(() -> AuthException.notFound("User"));
        sessions.revokeAllForSubject(id.toString(), "admin-logout");
        audit.recordChange(AuditType.LOGOUT_ALL, user.id, user.username, Map.of("by", "admin"));
    }

    /** Changes the password and ends every other session of the user; the caller's own session stays. */
    public void changePassword(UUID id, UUID callerSessionId, String currentPassword, String newPassword) {
        User user = repository.findById(id).filter(u -> u.enabled).orElseThrow(() -> AuthException.notFound("User"));
        if (!hasher.matches(currentPassword, user.passwordHash)) {
            throw new AuthException(400, "invalid_grant", "The current password is wrong.");
        }
        policy.check(newPassword, user.username);
        user.passwordHash = hasher.hash(newPassword);
        user.updatedAt = Instant.now();
        sessions.revokeOtherSessions(id, callerSessionId, "password-changed");
        audit.recordChange(AuditType.PASSWORD_CHANGED, user.id, user.username, Map.of());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countUsers() {
        return repository.countAll();
    }

    private static String rolesText(Collection<String> roles) {
        return String.join(" ", new TreeSet<>(roles));
    }
}
