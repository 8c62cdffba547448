package org.jwtauth.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.persistence.Database;

/** Stores audit events and lists them newest first. */
@ApplicationScoped
class AuditRepository {

    private final Database db;

    AuditRepository(Database db) {
        this.db = db;
    }

    /** One insert on the transaction's connection: every refresh and login writes an event. */
    void insert(AuditEvent event) {
        db.update("insert into audit_events (id, occurred_at, type, user_id, username, username_key, client_address, details)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                event.id, event.time, event.type.name(), event.userId, event.username, event.usernameKey,
                event.clientAddress, event.details);
    }

    List<AuditEvent> search(AuditFilter filter, PageRequest page) {
        Where where = Where.of(filter);
        List<Object> parameters = new ArrayList<>(where.parameters);
        parameters.add(page.size());
        parameters.add(page.offset());
        return db.list("select id, occurred_at, type, user_id, username, username_key, client_address, details"
                + " from audit_events" + where.clause + " order by occurred_at desc, id limit ? offset ?", row -> {
                    AuditEvent event = new AuditEvent();
                    event.id = Database.uuid(row, 1);
                    event.time = Database.instant(row, 2);
                    event.type = AuditType.valueOf(row.getString(3));
                    event.userId = Database.uuid(row, 4);
                    event.username = row.getString(5);
                    event.usernameKey = row.getString(6);
                    event.clientAddress = row.getString(7);
                    event.details = row.getString(8);
                    return event;
                }, parameters.toArray());
    }

    long count(AuditFilter filter) {
        Where where = Where.of(filter);
        return db.count("select count(*) from audit_events" + where.clause, where.parameters.toArray());
    }

    /** Only the conditions that are asked for, so no query binds an untyped null. */
    private record Where(String clause, List<Object> parameters) {

        static Where of(AuditFilter filter) {
            List<String> conditions = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            if (filter.username() != null) {
                conditions.add("username_key = ?");
                parameters.add(filter.username().toLowerCase(Locale.ROOT));
            }
            if (filter.type() != null) {
                conditions.add("type = ?");
                parameters.add(filter.type().name());
            }
            if (filter.since() != null) {
                conditions.add("occurred_at >= ?");
                parameters.add(filter.since());
            }
            if (filter.until() != null) {
                conditions.add("occurred_at < ?");
                parameters.add(filter.until());
            }
            return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
        }
    }
}
