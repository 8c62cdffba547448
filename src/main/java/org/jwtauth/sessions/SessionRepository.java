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

    private static final String SESSION_COLUMNS = "select id, user_id, client_id, scope, created_at, expires_at, current_hash,"
            + " previous_hash, rotated_at, current_sealed, parent_id, browser_hash, revoked_at, revoke_reason from sessions";

    void insert(Session session) {
        db.update("insert into sessions (id, user_id, client_id, scope, created_at, expires_at, current_hash, previous_hash,"
                        + " rotated_at, current_sealed, parent_id, browser_hash, revoked_at, revoke_reason)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                session.id, session.userId, session.clientId, session.scope, session.createdAt, session.expiresAt,
                session.currentHash, session.previousHash, session.rotatedAt, session.currentSealed, session.parentId,
                session.browserHash, session.revokedAt, session.revokeReason);
    }

    /** A refresh token of the earlier format (before {@link RefreshTokenFormat}), by its hash. */
    Optional<RefreshToken> findToken(String tokenHash) {
        return db.first("select token_hash, session_id, issued_at, expires_at from refresh_tokens where token_hash = ?", row -> {
            RefreshToken token = new RefreshToken();
            token.tokenHash = row.getString(1);
            token.sessionId = Database.uuid(row, 2);
            token.issuedAt = Database.instant(row, 3);
            token.expiresAt = Database.instant(row, 4);
            return token;
        }, tokenHash);
    }

    /**
     * What the session behind a refresh token of the earlier format grants (tokens of the current
     * format name their session, {@link RefreshTokenFormat}), read without a lock and without loading the
     * session: a refresh reads this first and then locks the row.
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

    /** Stores a rotation of a session read by {@link #lockSession}: its new live token's hash and the session's new state. */
    void saveRotation(Session session) {
        db.update("update sessions set current_hash = ?, previous_hash = ?, rotated_at = ?, expires_at = ?,"
                        + " current_sealed = ? where id = ?",
                session.currentHash, session.previousHash, session.rotatedAt, session.expiresAt, session.currentSealed,
                session.id);
    }

    Optional<Session> findSession(UUID id) {
        return db.first(SESSION_COLUMNS + " where id = ?", SessionRepository::session, id);
    }

    /**
     * Reads the session under a row lock (SELECT ... FOR UPDATE) as the database holds it now: refreshes
     * of one session run one at a time.
     */
    Optional<Session> lockSession(UUID id) {
        return db.first(SESSION_COLUMNS + " where id = ?" + db.forUpdate(), SessionRepository::session, id);
    }

    List<UUID> findLiveSessionIds(UUID userId) {
        return db.list("select id from sessions where user_id = ? and revoked_at is null", row -> Database.uuid(row, 1),
                userId);
    }

    List<UUID> findLiveSessionIdsOfClient(String clientId) {
        return db.list("select id from sessions where client_id = ? and revoked_at is null", row -> Database.uuid(row, 1),
                clientId);
    }

    /** The live browser session behind a single sign-on cookie's hash. */
    Optional<Session> findLiveBrowserSession(String browserHash, Instant now) {
        return db.first(SESSION_COLUMNS + " where browser_hash = ? and revoked_at is null and expires_at > ?",
                SessionRepository::session, browserHash, now);
    }

    /** Live sessions started under any of the given browser sessions. */
    List<UUID> findLiveChildSessionIds(List<UUID> parentIds) {
        if (parentIds.isEmpty()) {
            return List.of();
        }
        return db.list("select id from sessions where parent_id in (?) and revoked_at is null",
                row -> Database.uuid(row, 1), parentIds);
    }

    int revokeSessions(List<UUID> ids, Instant now, String reason) {
        if (ids.isEmpty()) {
            return 0;
        }
        return db.update("update sessions set revoked_at = ?, revoke_reason = ?, current_sealed = null"
                + " where id in (?) and revoked_at is null", now, reason, ids);
    }

    void insertSubjectRevocation(UUID id, String subject, Instant revokedBefore) {
        db.update("insert into subject_revocations (id, subject, revoked_before) values (?, ?, ?)", id, subject,
                revokedBefore);
    }

    // The three reads of RevocationState's reload, every second on every replica and first on the start path.

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
        if (db.isPostgres()) {
            db.update("insert into revoked_access_tokens (id, jti, expires_at, revoked_at) values (?, ?, ?, ?)"
                    + " on conflict (jti) do nothing", id, jti, expiresAt, revokedAt);
        } else {
            db.update("insert into revoked_access_tokens (id, jti, expires_at, revoked_at) select ?, ?, ?, ?"
                    + " where not exists (select 1 from revoked_access_tokens where jti = ?)", id, jti, expiresAt, revokedAt, jti);
        }
    }

    List<Object[]> findSubjectRevocationsSince(Instant since) {
        return db.query("select subject, max(revoked_before) from subject_revocations where revoked_before > ?"
                        + " group by subject",
                rows -> rowsOf(rows, () -> new Object[] {rows.getString(1), Database.instant(rows, 2)}), since);
    }

    private static Session session(ResultSet row) throws SQLException {
        Session session = new Session();
        session.id = Database.uuid(row, 1);
        session.userId = Database.uuid(row, 2);
        session.clientId = row.getString(3);
        session.scope = row.getString(4);
        session.createdAt = Database.instant(row, 5);
        session.expiresAt = Database.instant(row, 6);
        session.currentHash = row.getString(7);
        session.previousHash = row.getString(8);
        session.rotatedAt = Database.instant(row, 9);
        session.currentSealed = row.getString(10);
        session.parentId = Database.uuid(row, 11);
        session.browserHash = row.getString(12);
        session.revokedAt = Database.instant(row, 13);
        session.revokeReason = row.getString(14);
        return session;
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
        return db.update("update sessions set current_sealed = null where current_sealed is not null and rotated_at < ?",
                rotatedBefore);
    }

    int deleteExpiredTokens(Instant now) {
        return db.update("delete from refresh_tokens where expires_at < ?", now);
    }

    /** Deletes sessions that are expired, or revoked before the horizon (their access tokens have expired). */
    int deleteEndedSessions(Instant now, Instant revokedHorizon) {
        // refresh_tokens rows go with their session (ON DELETE CASCADE)
        return db.update("delete from sessions where (revoked_at is null and expires_at < ?) or revoked_at < ?", now,
                revokedHorizon);
    }

    int deleteExpiredAccessTokenRevocations(Instant now) {
        return db.update("delete from revoked_access_tokens where expires_at < ?", now);
    }

    int deleteSubjectRevocationsBefore(Instant horizon) {
        return db.update("delete from subject_revocations where revoked_before < ?", horizon);
    }
}
