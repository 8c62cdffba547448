package org.jwtauth.keys;

import io.quarkus.test.junit.QuarkusTest;

/** RS256, the default, with managed keys (default test profile). */
@QuarkusTest
class Rs256Test extends AlgorithmContract {

    @Override
    String algorithm() {
        return "RS256";
    }
}
