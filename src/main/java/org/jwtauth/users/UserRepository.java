package org.jwtauth.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.common.security.Roles;

/** Named queries on users and their roles. */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "select id, username, username_key, password_hash, enabled, created_at, updated_at from users";

    private final Database db;

    UserRepository(Database db) {
        this.db = db;
    }

    Optional<User> findById(UUID id) {
        return db.first(COLUMNS + " where id = ?", UserRepository::user, id).map(this::withRoles);
    }

    /**
     * The user under a row lock (SELECT ... FOR UPDATE) until the transaction ends, as the database
     * holds it now.
     */
    Optional<User> lock(UUID id) {
        return db.first(COLUMNS + " where id = ?" + db.forUpdate(), UserRepository::user, id).map(this::withRoles);
    }

    /**
     * The user's name and roles when enabled, read in one statement under the same row lock as
     * {@link #lock}: every login and refresh runs this.
     */
    Optional<AuthenticatedUser> lockIfEnabled(UUID id) {
        List<Object[]> rows = db.lockedRows("select u.username, u.enabled, r.role from users u"
                + " left join user_roles r on r.user_id = u.id where u.id = ?", id,
                "for update", "for no key update of u");
        if (rows.isEmpty() || !Boolean.TRUE.equals(rows.get(0)[1])) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedUser(id, (String) rows.get(0)[0], Database.values(rows, 2)));
    }

    boolean isAdmin(UUID id) {
        return db.count("select count(*) from user_roles where user_id = ? and role = ?", id, Roles.ADMIN) > 0;
    }

    /** Locks every admin's row, in id order so that concurrent callers queue instead of deadlocking. */
    void lockAdmins() {
        db.list("select u.id from users u where exists (select 1 from user_roles r where r.user_id = u.id and r.role = ?)"
                + " order by u.id" + db.forUpdate(), row -> Database.uuid(row, 1), Roles.ADMIN);
    }

    long countOtherEnabledAdmins(UUID id) {
        return db.count("select count(*) from users u where u.enabled = true and u.id <> ?"
                + " and exists (select 1 from user_roles r where r.user_id = u.id and r.role = ?)", id, Roles.ADMIN);
    }

    Optional<User> findByUsername(String username) {
        return db.first(COLUMNS + " where username_key = ?", UserRepository::user, key(username)).map(this::withRoles);
    }

    List<User> search(String query, PageRequest page) {
        List<User> users = db.list(COLUMNS + " where username_key like ? escape '\\' order by username_key limit ? offset ?",
                UserRepository::user, likePattern(query), page.size(), page.offset());
        return withRoles(users);
    }

    long count(String query) {
        return db.count("select count(*) from users where username_key like ? escape '\\'", likePattern(query));
    }

    long countAll() {
        return db.count("select count(*) from users");
    }

    /** Inserts the user and its roles; a taken username fails with a unique violation. */
    void insert(User user) {
        db.update("insert into users (id, username, username_key, password_hash, enabled, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                user.id, user.username, user.usernameKey, user.passwordHash, user.enabled, user.createdAt, user.updatedAt);
        insertRoles(user);
    }

    /** Stores the user's hash, enabled flag, update time and, when {@code rolesChanged}, its roles. */
    void update(User user, boolean rolesChanged) {
        db.update("update users set password_hash = ?, enabled = ?, updated_at = ? where id = ?",
                user.passwordHash, user.enabled, user.updatedAt, user.id);
        if (rolesChanged) {
            db.update("delete from user_roles where user_id = ?", user.id);
            insertRoles(user);
        }
    }

    /** Replaces the hash only if it is still {@code expected} (a rehash races with a password change). */
    void upgradePassword(UUID id, String expected, String hash) {
        db.update("update users set password_hash = ? where id = ? and password_hash = ?", hash, id, expected);
    }

    /** Deletes the user; its roles go with it (ON DELETE CASCADE). */
    void delete(User user) {
        db.update("delete from users where id = ?", user.id);
    }

    private void insertRoles(User user) {
        List<Object[]> rows = new ArrayList<>();
        user.roles.forEach(role -> rows.add(new Object[] {user.id, role}));
        db.batch("insert into user_roles (user_id, role) values (?, ?)", rows);
    }

    private User withRoles(User user) {
        user.roles.addAll(db.list("select role from user_roles where user_id = ?", row -> row.getString(1), user.id));
        return user;
    }

    private List<User> withRoles(List<User> users) {
        if (users.isEmpty()) {
            return users;
        }
        Map<UUID, User> byId = new HashMap<>();
        users.forEach(u -> byId.put(u.id, u));
        db.list("select user_id, role from user_roles where user_id in (?)",
                        row -> new Object[] {Database.uuid(row, 1), row.getString(2)}, List.copyOf(byId.keySet()))
                .forEach(row -> byId.get((UUID) row[0]).roles.add((String) row[1]));
        return users;
    }

    private static User user(ResultSet row) throws SQLException {
        User user = new User();
        user.id = Database.uuid(row, 1);
        user.username = row.getString(2);
        user.usernameKey = row.getString(3);
        user.passwordHash = row.getString(4);
        user.enabled = row.getBoolean(5);
        user.createdAt = Database.instant(row, 6);
        user.updatedAt = Database.instant(row, 7);
        return user;
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static String likePattern(String query) {
        String escaped = query == null ? "" : key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
