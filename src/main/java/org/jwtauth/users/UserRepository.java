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

    long countAll() {
        return db.session().createSelectionQuery("select count(*) from User", Long.class).getSingleResult();
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
