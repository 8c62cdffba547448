package org.jwtauth.oidc;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jwtauth.common.persistence.Database;

/** Named queries on authorization codes. */
@ApplicationScoped
class AuthorizationCodeRepository {

    private final Database db;

    AuthorizationCodeRepository(Database db) {
        this.db = db;
    }

    void persist(AuthorizationCode code) {
        db.session().persist(code);
    }

    /** The code under a row lock: two redemptions of one code run one after the other. */
    Optional<AuthorizationCode> lock(String codeHash) {
        return Optional.ofNullable(db.session().find(AuthorizationCode.class, codeHash, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Codes expired before the horizon; a redeemed one is kept until then so a second use is recognised. */
    int deleteExpiredBefore(Instant horizon) {
        return db.session().createMutationQuery("delete from AuthorizationCode where expiresAt < :horizon")
                .setParameter("horizon", horizon)
                .executeUpdate();
    }
}
