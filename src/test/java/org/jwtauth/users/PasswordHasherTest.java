package org.jwtauth.users;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The constant dummy hash costs what a real hash costs: same algorithm and parameters. */
class PasswordHasherTest {

    @Test
    void shouldUseTheCurrentParametersForTheDummyHash() {
        PasswordHasher hasher = new PasswordHasher();
        assertFalse(hasher.needsUpgrade(PasswordHasher.DUMMY_HASH));
        assertFalse(hasher.matches("not the dummy password", PasswordHasher.DUMMY_HASH));
    }
}
