package org.jwtauth.keys;

import io.quarkus.test.junit.QuarkusTest;

import org.jwtauth.testing.NoDatabase;

/** RS256, the default, with managed keys (default test profile). */
@NoDatabase
@QuarkusTest
class Rs256Test extends AlgorithmContract {

    @Override
    String algorithm() {
        return "RS256";
    }
}
