package org.jwtauth.common.persistence;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;

/**
 * The persistence unit of the datasource chosen at start-up: H2 by default, PostgreSQL when the
 * {@code pg} profile activates it. Repositories take their {@link Session} from here.
 */
@ApplicationScoped
public class Database {

    private final Session session;
    private final boolean postgres;

    public Database(@PersistenceUnit("h2") InjectableInstance<Session> h2,
            @PersistenceUnit("pg") InjectableInstance<Session> pg,
            @ConfigProperty(name = "quarkus.datasource.pg.active", defaultValue = "false") boolean postgres) {
        this.postgres = postgres;
        this.session = postgres ? pg.get() : h2.get();
    }

    public Session session() {
        return session;
    }

    /**
     * The entity under a row lock (SELECT ... FOR UPDATE) until the transaction ends, as the database
     * holds it now: one already loaded in this transaction is re-read (it could predate a change that
     * committed since), any other is read once, locked.
     */
    public <T> Optional<T> lock(Class<T> type, Object id) {
        SessionImplementor current = session.unwrap(SessionImplementor.class);
        Object loaded = current.getPersistenceContextInternal()
                .getEntity(current.generateEntityKey(id, current.getEntityPersister(type.getName(), null)));
        if (loaded != null) {
            session.refresh(loaded, LockModeType.PESSIMISTIC_WRITE);
            return Optional.of(type.cast(loaded));
        }
        return Optional.ofNullable(session.find(type, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The rows of a native query on one row ({@code :id}) that ends in a row lock: {@code h2Lock} on
     * H2, {@code postgresLock} on PostgreSQL (which must name the locked table when the query joins).
     * For the hot grant paths: one statement, no entity loaded, nothing to dirty-check at commit.
     */
    public List<Object[]> lockedRows(String sql, Object id, String h2Lock, String postgresLock) {
        return session.createNativeQuery(sql + " " + (postgres ? postgresLock : h2Lock), Object[].class)
                .setParameter("id", id)
                .getResultList();
    }

    /** The non-null values of one column of such rows, e.g. the roles a left join brought. */
    public static Set<String> values(List<Object[]> rows, int column) {
        Set<String> values = new HashSet<>();
        for (Object[] row : rows) {
            if (row[column] != null) {
                values.add((String) row[column]);
            }
        }
        return Set.copyOf(values);
    }

    public boolean isPostgres() {
        return postgres;
    }
}
