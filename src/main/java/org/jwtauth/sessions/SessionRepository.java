package org.jwtauth.sessions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.persistence.Database;

/** Named queries on sessions, their refresh tokens and the revocation tables. */
@ApplicationScoped
public class SessionRepository {

    private final Database db;

    SessionRepository(Database db) {
        this.db = db;
    }

    void persist(Object entity) {
        db.session().persist(entity);
    }

    /** A refresh token of the earlier format (before {@link RefreshTokenFormat}), by its hash. */
    Optional<RefreshToken> findToken(String tokenHash) {
        return Optional.ofNullable(db.session().find(RefreshToken.class, tokenHash));
    }

    /**
     * What the session behind a refresh token of the earlier format grants (tokens of the current
     * format name their session, {@link RefreshTokenFormat}), read without a lock and without loading the
     * session into the persistence context: a refresh reads this first and then locks the row, and
     * must then see the row as it is now. Plain JDBC, like the rest of the refresh ({@link Database#query}).
     */
    Optional<SessionGrant> findGrantByTokenHash(String tokenHash) {
        return db.query("select s.id, s.user_id, s.client_id, s.scope, s.expires_at from refresh_tokens t"
                        + " join sessions s on s.id = t.session_id where t.token_hash = ?",
                rows -> rows.next()
                        ? Optional.of(new SessionGrant(Database.uuid(rows, 1), Database.uuid(rows, 2), rows.getString(3),
                                rows.getString(4), null, null, Database.instant(rows, 5)))
                        : Optional.empty(),
                tokenHash);
    }

    /**
     * The session as the database holds it now, under a row lock until the transaction ends, for a
     * refresh: one statement, and an unmanaged copy ({@link #saveRotation} writes it back), so the
     * commit has nothing to dirty-check.
     */
    Optional<Session> lockForRefresh(UUID id) {
        String lock = db.isPostgres() ? " for no key update" : " for update";
        return db.query("select user_id, client_id, scope, created_at, expires_at, current_hash, previous_hash,"
                + " rotated_at, current_sealed, parent_id, browser_hash, revoked_at, revoke_reason from sessions where id = ?"
                + lock, rows -> {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    Session session = new Session();
                    session.id = id;
                    session.userId = Database.uuid(rows, 1);
                    session.clientId = rows.getString(2);
                    session.scope = rows.getString(3);
                    session.createdAt = Database.instant(rows, 4);
                    session.expiresAt = Database.instant(rows, 5);
                    session.currentHash = rows.getString(6);
                    session.previousHash = rows.getString(7);
                    session.rotatedAt = Database.instant(rows, 8);
                    session.currentSealed = rows.getString(9);
                    session.parentId = Database.uuid(rows, 10);
                    session.browserHash = rows.getString(11);
                    session.revokedAt = Database.instant(rows, 12);
                    session.revokeReason = rows.getString(13);
                    return Optional.of(session);
                }, id);
    }

    /** Stores a rotation of a session read by {@link #lockForRefresh}: its new live token's hash and the session's new state. */
    void saveRotation(Session session) {
        db.update("update sessions set current_hash = ?, previous_hash = ?, rotated_at = ?, expires_at = ?,"
                        + " current_sealed = ? where id = ?",
                session.currentHash, session.previousHash, session.rotatedAt, session.expiresAt, session.currentSealed,
                session.id);
    }

    Optional<Session> findSession(UUID id) {
        return Optional.ofNullable(db.session().find(Session.class, id));
    }

    /**
     * Reads the session under a row lock (SELECT ... FOR UPDATE): refreshes of one session run one at a
     * time. Re-read from the database: a copy loaded earlier in the transaction may predate a revocation.
     */
    Optional<Session> lockSession(UUID id) {
        return db.lock(Session.class, id);
    }

    List<UUID> findLiveSessionIds(UUID userId) {
        return db.session().createSelectionQuery(
                        "select id from Session where userId = :user and revokedAt is null", UUID.class)
                .setParameter("user", userId)
                .getResultList();
    }

    List<UUID> findLiveSessionIdsOfClient(String clientId) {
        return db.session().createSelectionQuery(
                        "select id from Session where clientId = :client and revokedAt is null", UUID.class)
                .setParameter("client", clientId)
                .getResultList();
    }

    /** The live browser session behind a single sign-on cookie's hash. */
    Optional<Session> findLiveBrowserSession(String browserHash, Instant now) {
        return db.session().createSelectionQuery(
                        "from Session where browserHash = :hash and revokedAt is null and expiresAt > :now", Session.class)
                .setParameter("hash", browserHash)
                .setParameter("now", now)
                .uniqueResultOptional();
    }

    /** Live sessions started under any of the given browser sessions. */
    List<UUID> findLiveChildSessionIds(List<UUID> parentIds) {
        if (parentIds.isEmpty()) {
            return List.of();
        }
        return db.session().createSelectionQuery(
                        "select id from Session where parentId in :parents and revokedAt is null", UUID.class)
                .setParameter("parents", parentIds)
                .getResultList();
    }

    int revokeSessions(List<UUID> ids, Instant now, String reason) {
        if (ids.isEmpty()) {
            return 0;
        }
        return db.session().createMutationQuery("update Session set revokedAt = :now, revokeReason = :reason, "
                        + "currentSealed = null where id in :ids and revokedAt is null")
                .setParameter("now", now)
                .setParameter("reason", reason)
                .setParameter("ids", ids)
                .executeUpdate();
    }

    // The three reads of RevocationState's reload, every second on every replica and first on the
    // start path: plain JDBC, so neither pays Hibernate's query interpretation (on a start, the first
    // HQL query loads and links the whole HQL translator).

    /** Sessions revoked after the horizon: their access tokens may still be unexpired. */
    List<Object[]> findRevokedSessionsSince(Instant horizon) {
        return db.query("select id, revoked_at from sessions where revoked_at > ?",
                rows -> rowsOf(rows, () -> new Object[] {Database.uuid(rows, 1), Database.instant(rows, 2)}), horizon);
    }

    /** Unexpired revoked {@code jti}s recorded after {@code since}. */
    List<Object[]> findRevokedAccessTokensSince(Instant since, Instant now) {
        return db.query("select jti, expires_at from revoked_access_tokens where revoked_at > ? and expires_at > ?",
                rows -> rowsOf(rows, () -> new Object[] {rows.getString(1), Database.instant(rows, 2)}), since, now);
    }

    /**
     * Records a revoked {@code jti} once: a second revocation of the same token (another replica, at the
     * same moment) leaves the first row and is no error.
     */
    void insertRevokedAccessToken(UUID id, String jti, Instant expiresAt, Instant revokedAt) {
        String sql = db.isPostgres()
                ? "insert into revoked_access_tokens (id, jti, expires_at, revoked_at) values (?1, ?2, ?3, ?4) "
                        + "on conflict (jti) do nothing"
                : "insert into revoked_access_tokens (id, jti, expires_at, revoked_at) select ?1, ?2, ?3, ?4 "
                        + "where not exists (select 1 from revoked_access_tokens where jti = ?2)";
        db.session().createNativeMutationQuery(sql)
                .setParameter(1, id)
                .setParameter(2, jti)
                .setParameter(3, expiresAt)
                .setParameter(4, revokedAt)
                .executeUpdate();
    }

    List<Object[]> findSubjectRevocationsSince(Instant since) {
        return db.query("select subject, max(revoked_before) from subject_revocations where revoked_before > ?"
                        + " group by subject",
                rows -> rowsOf(rows, () -> new Object[] {rows.getString(1), Database.instant(rows, 2)}), since);
    }

    private static List<Object[]> rowsOf(ResultSet rows, Database.RowReader row) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        while (rows.next()) {
            all.add(row.read());
        }
        return all;
    }

    /** Forgets the encrypted live token of sessions whose grace window has passed. */
    int wipeRetrySecrets(Instant rotatedBefore) {
        return db.session().createMutationQuery(
                        "update Session set currentSealed = null where currentSealed is not null and rotatedAt < :before")
                .setParameter("before", rotatedBefore)
                .executeUpdate();
    }

    int deleteExpiredTokens(Instant now) {
        return db.session().createMutationQuery("delete from RefreshToken where expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Deletes sessions that are expired, or revoked before the horizon (their access tokens have expired). */
    int deleteEndedSessions(Instant now, Instant revokedHorizon) {
        // refresh_tokens rows go with their session (ON DELETE CASCADE)
        return db.session().createMutationQuery(
                        "delete from Session where (revokedAt is null and expiresAt < :now) or revokedAt < :horizon")
                .setParameter("now", now)
                .setParameter("horizon", revokedHorizon)
                .executeUpdate();
    }

    int deleteExpiredAccessTokenRevocations(Instant now) {
        return db.session().createMutationQuery("delete from RevokedAccessToken where expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate();
    }

    int deleteSubjectRevocationsBefore(Instant horizon) {
        return db.session().createMutationQuery("delete from SubjectRevocation where revokedBefore < :horizon")
                .setParameter("horizon", horizon)
                .executeUpdate();
    }
}
