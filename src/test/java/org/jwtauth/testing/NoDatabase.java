package org.jwtauth.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test whose outcome cannot depend on which database the service runs on (pure logic, rules checked
 * in memory, HTTP hardening, the sign-in page, one key algorithm among many), so the PostgreSQL run of
 * the suite skips it. Every test of locking, races, revocation, sessions, codes and stored data runs on
 * both databases; the key algorithms reach PostgreSQL through KeyRotationTest.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(NoDatabase.TAG)
public @interface NoDatabase {

    String TAG = "no-database";
}
