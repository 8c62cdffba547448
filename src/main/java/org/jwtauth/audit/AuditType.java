package org.jwtauth.audit;

/** What an audit event records (SPEC §6). */
public enum AuditType {
    LOGIN_SUCCESS,
    LOGIN_FAILURE,
    /** A username reached the failure limit and was locked. */
    ACCOUNT_LOCKED,
    /** A client address reached the failure limit and is refused for the rest of the window. */
    ADDRESS_BLOCKED,
    TOKEN_REFRESHED,
    /** A rotated refresh token was presented again outside the grace window: the session is revoked. */
    REFRESH_TOKEN_REUSED,
    TOKEN_REVOKED,
    LOGOUT,
    LOGOUT_ALL,
    PASSWORD_CHANGED,
    USER_CREATED,
    USER_UPDATED,
    USER_DELETED,
    CLIENT_CREATED,
    CLIENT_DELETED,
    CLIENT_SECRET_ROTATED,
    /** An admin cleared a username's failed-login lock. */
    LOCKOUT_CLEARED,
    KEY_ROTATED,
    /** A sign-in through the sign-in page (by password) or by the browser session (single sign-on) issued a code. */
    SIGN_IN,
    AUTHORIZATION_CODE_EXCHANGED,
    /** An authorization code was used a second time: the session the first use started is revoked. */
    AUTHORIZATION_CODE_REUSED,
    /** RP-initiated logout ended a browser session. */
    SIGNED_OUT
}
