package org.jwtauth.users;

import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.jwtauth.testing.NoDatabase;

/** The constant dummy hash costs what a real hash costs: same algorithm and parameters. */
@NoDatabase
@QuarkusTest
class PasswordHasherTest {

    @Inject
    PasswordHasher hasher;

    @Test
    void shouldUseTheCurrentParametersForTheDummyHash() {
        assertFalse(hasher.needsUpgrade(PasswordHasher.DUMMY_HASH));
        assertFalse(hasher.matches("not the dummy password", PasswordHasher.DUMMY_HASH));
    }
}
