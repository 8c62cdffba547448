package org.jwtauth.users;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.persistence.Database;

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
