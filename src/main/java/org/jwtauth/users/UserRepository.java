package org.jwtauth.users;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.common.security.Roles;

/** Named queries on users. */
@ApplicationScoped
public class UserRepository {

    private final Database db;

    UserRepository(Database db) {
        this.db = db;
    }

    Optional<User> findById(UUID id) {
        return Optional.ofNullable(db.session().find(User.class, id));
    }

    /**
     * The user under a row lock (SELECT ... FOR UPDATE) until the transaction ends, re-read from the
     * database: an entity already loaded in this transaction would otherwise keep its old state.
     */
    Optional<User> lock(UUID id) {
        return db.lock(User.class, id);
    }

    /**
     * The user's name and roles when enabled, read in one statement under the same row lock as
     * {@link #lock} (always from the database), with no entity loaded: every login and refresh runs
     * this, and the entity cost two statements (its roles joined, then the lock) and a dirty check.
     */
    Optional<AuthenticatedUser> lockIfEnabled(UUID id) {
        // Hibernate's own write lock on each database
        List<Object[]> rows = db.lockedRows("select u.username, u.enabled, r.role from users u"
                + " left join user_roles r on r.user_id = u.id where u.id = ?", id,
                "for update", "for no key update of u");
        if (rows.isEmpty() || !Boolean.TRUE.equals(rows.get(0)[1])) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedUser(id, (String) rows.get(0)[0], Database.values(rows, 2)));
    }

    boolean isAdmin(UUID id) {
        return db.session().createSelectionQuery(
                        "select count(*) from User u where u.id = :id and :role member of u.roles", Long.class)
                .setParameter("id", id)
                .setParameter("role", Roles.ADMIN)
                .getSingleResult() > 0;
    }

    /** Locks every admin's row, in id order so that concurrent callers queue instead of deadlocking. */
    void lockAdmins() {
        db.session().createSelectionQuery("from User u where :role member of u.roles order by u.id", User.class)
                .setParameter("role", Roles.ADMIN)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    long countOtherEnabledAdmins(UUID id) {
        return db.session().createSelectionQuery("select count(*) from User u where u.enabled = true and u.id <> :id "
                        + "and :role member of u.roles", Long.class)
                .setParameter("id", id)
                .setParameter("role", Roles.ADMIN)
                .getSingleResult();
    }

    Optional<User> findByUsername(String username) {
        return db.session().createSelectionQuery("from User where usernameKey = :key", User.class)
                .setParameter("key", key(username))
                .uniqueResultOptional();
    }

    List<User> search(String query, PageRequest page) {
        return db.session().createSelectionQuery("from User where usernameKey like :q escape '\\' order by usernameKey", User.class)
                .setParameter("q", likePattern(query))
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
    }

    long count(String query) {
        return db.session().createSelectionQuery("select count(*) from User where usernameKey like :q escape '\\'", Long.class)
                .setParameter("q", likePattern(query))
                .getSingleResult();
    }

    // plain JDBC: the bootstrap admin asks on the start path, where an HQL query costs its translator's loading
    long countAll() {
        return db.query("select count(*) from users", rows -> rows.next() ? rows.getLong(1) : 0L);
    }

    void persist(User user) {
        db.session().persist(user);
    }

    void flush() {
        db.session().flush();
    }

    void delete(User user) {
        db.session().remove(user);
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static String likePattern(String query) {
        String escaped = query == null ? "" : key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
