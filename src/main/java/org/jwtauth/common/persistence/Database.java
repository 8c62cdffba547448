package org.jwtauth.common.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

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

    public boolean isPostgres() {
        return postgres;
    }
}
