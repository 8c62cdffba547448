package org.jwtauth.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test whose outcome cannot depend on the database (pure logic, or rules checked in memory), so
 * the PostgreSQL run of the suite skips it; every test that stores or reads through the application
 * runs on both databases.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(NoDatabase.TAG)
public @interface NoDatabase {

    String TAG = "no-database";
}
