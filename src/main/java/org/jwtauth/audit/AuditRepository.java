package org.jwtauth.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.SelectionQuery;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.persistence.Database;

/** Stores audit events and lists them newest first. */
@ApplicationScoped
class AuditRepository {

    private final Database db;

    AuditRepository(Database db) {
        this.db = db;
    }

    /**
     * One insert on the transaction's connection (no entity kept in the persistence context): every
     * refresh and login writes an event, and Hibernate's persist and flush cost more than the insert.
     */
    void insert(AuditEvent event) {
        db.update("insert into audit_events (id, occurred_at, type, user_id, username, username_key, client_address, details)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                event.id, event.time, event.type.name(), event.userId, event.username, event.usernameKey,
                event.clientAddress, event.details);
    }

    List<AuditEvent> search(AuditFilter filter, PageRequest page) {
        Where where = Where.of(filter);
        return where.bind(db.session().createSelectionQuery("from AuditEvent" + where.clause + " order by time desc, id", AuditEvent.class))
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
    }

    long count(AuditFilter filter) {
        Where where = Where.of(filter);
        return where.bind(db.session().createSelectionQuery("select count(*) from AuditEvent" + where.clause, Long.class))
                .getSingleResult();
    }

    /** Only the conditions that are asked for, so no query binds an untyped null. */
    private record Where(String clause, Map<String, Object> parameters) {

        static Where of(AuditFilter filter) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (filter.username() != null) {
                conditions.add("usernameKey = :user");
                parameters.put("user", filter.username().toLowerCase(Locale.ROOT));
            }
            if (filter.type() != null) {
                conditions.add("type = :type");
                parameters.put("type", filter.type());
            }
            if (filter.since() != null) {
                conditions.add("time >= :since");
                parameters.put("since", filter.since());
            }
            if (filter.until() != null) {
                conditions.add("time < :until");
                parameters.put("until", filter.until());
            }
            return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
        }

        <T> SelectionQuery<T> bind(SelectionQuery<T> query) {
            parameters.forEach(query::setParameter);
            return query;
        }
    }
}
