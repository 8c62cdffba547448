package org.jwtauth.common.persistence;

import java.sql.SQLException;

/**
 * A failed statement, unchecked so that {@code @Transactional} rolls back; the {@link SQLException}
 * stays the cause, for {@link DatabaseUnavailable} and for the two conflicts callers handle.
 */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** SQLState 23505 on both databases: a row with the same unique key exists. */
    public static boolean isUniqueViolation(Throwable failure) {
        return hasState(failure, "23505");
    }

    /**
     * A lock wait that ended without the lock: H2's lock timeout (HYT00) or deadlock (40001), PostgreSQL's
     * deadlock (40P01), serialization failure (40001) or lock not available (55P03). Worth one more try.
     */
    public static boolean isLockConflict(Throwable failure) {
        return hasState(failure, "HYT00") || hasState(failure, "40001") || hasState(failure, "40P01")
                || hasState(failure, "55P03");
    }

    private static boolean hasState(Throwable failure, String state) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
