package org.jwtauth.oidc;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.persistence.Database;

/** Named queries on authorization codes. */
@ApplicationScoped
class AuthorizationCodeRepository {

    private final Database db;

    AuthorizationCodeRepository(Database db) {
        this.db = db;
    }

    void persist(AuthorizationCode code) {
        db.update("insert into authorization_codes (code_hash, client_id, redirect_uri, code_challenge, user_id,"
                        + " browser_session_id, scope, openid, nonce, auth_time, expires_at, redeemed_at, session_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                code.codeHash, code.clientId, code.redirectUri, code.codeChallenge, code.userId, code.browserSessionId,
                code.scope, code.openid, code.nonce, code.authTime, code.expiresAt, code.redeemedAt, code.sessionId);
    }

    /** The code under a row lock: two redemptions of one code run one after the other. */
    Optional<AuthorizationCode> lock(String codeHash) {
        return db.first("select code_hash, client_id, redirect_uri, code_challenge, user_id, browser_session_id, scope,"
                + " openid, nonce, auth_time, expires_at, redeemed_at, session_id from authorization_codes where code_hash = ?"
                + db.forUpdate(), row -> {
                    AuthorizationCode code = new AuthorizationCode();
                    code.codeHash = row.getString(1);
                    code.clientId = row.getString(2);
                    code.redirectUri = row.getString(3);
                    code.codeChallenge = row.getString(4);
                    code.userId = Database.uuid(row, 5);
                    code.browserSessionId = Database.uuid(row, 6);
                    code.scope = row.getString(7);
                    code.openid = row.getBoolean(8);
                    code.nonce = row.getString(9);
                    code.authTime = Database.instant(row, 10);
                    code.expiresAt = Database.instant(row, 11);
                    code.redeemedAt = Database.instant(row, 12);
                    code.sessionId = Database.uuid(row, 13);
                    return code;
                }, codeHash);
    }

    void markRedeemed(AuthorizationCode code) {
        db.update("update authorization_codes set redeemed_at = ? where code_hash = ?", code.redeemedAt, code.codeHash);
    }

    /** The session the redemption started: a second use of the code ends it. */
    void recordSession(AuthorizationCode code) {
        db.update("update authorization_codes set session_id = ? where code_hash = ?", code.sessionId, code.codeHash);
    }

    /** Codes expired before the horizon; a redeemed one is kept until then so a second use is recognised. */
    int deleteExpiredBefore(Instant horizon) {
        return db.update("delete from authorization_codes where expires_at < ?", horizon);
    }
}
