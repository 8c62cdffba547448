package org.jwtauth.oidc;

import org.jwtauth.sessions.BrowserSession;

/**
 * A code on its way to the client, with the browser session it belongs to (the cookie value is set
 * only when this sign-in started the session).
 */
public record IssuedCode(String code, BrowserSession browserSession) {

    @Override
    public String toString() {
        return "IssuedCode[" + browserSession + "]"; // never the code
    }
}
