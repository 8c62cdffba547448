// Sign-in as the built-in public client "console": OpenID Connect authorization code with PKCE
// (RFC 7636, S256). Tokens live in this module's memory only, never in any storage; only the PKCE
// verifier, state and nonce wait in sessionStorage for the round trip through the sign-in page.
import { decode } from './jwt.js';

const CLIENT_ID = 'console';
const PENDING = 'console.pending-sign-in';
const PENDING_LOGOUT = 'console.pending-sign-out';
// refresh this long before expiry at the latest, and never sooner than this after a refresh
const REFRESH_MARGIN_SECONDS = 30;
const MIN_REFRESH_DELAY_SECONDS = 5;
// what a prompt=none attempt answers when the reader must sign in first (OpenID Connect Core §3.1.2.6)
const SILENT_REFUSALS = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

let tokens = null;
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

/** Where the service sends the browser back: the console's own address, registered for the client. */
export function redirectUri() {
    return `${location.origin}/console/`;
}

function base64url(bytes) {
    let binary = '';
    for (const b of bytes) {
        binary += String.fromCharCode(b);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount) {
    return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function challengeOf(verifier) {
    if (!crypto.subtle) {
        throw new Error('This browser offers no crypto.subtle here, which happens on plain http other than localhost: '
            + 'open the console over https.');
    }
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64url(new Uint8Array(digest));
}

async function tokenRequest(form) {
    let response;
    try {
        response = await fetch('/auth/token', {
            method: 'POST',
            headers: { Accept: 'application/json' },
            body: new URLSearchParams({ ...form, client_id: CLIENT_ID }),
            cache: 'no-store',
            credentials: 'same-origin',
        });
    } catch (error) {
        throw new Error(`The token endpoint could not be reached: ${error.message}`);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body || !body.access_token) {
        const words = body && body.error_description ? body.error_description : `HTTP ${response.status}`;
        throw new Error(`The service refused to issue tokens: ${words}${body && body.error ? ` (${body.error})` : ''}`);
    }
    return body;
}

async function accept(answer) {
    const receivedAt = Date.now();
    const expiresIn = Number(answer.expires_in) || 0;
    const encrypted = answer.access_token.split('.').length === 5;
    // a nested (encrypted) token is readable only by the service: it says who it speaks for at userinfo
    const claims = encrypted
        ? await userinfo(answer.access_token, Math.floor(receivedAt / 1000) + expiresIn)
        : decode(answer.access_token).claims;
    tokens = {
        access: answer.access_token,
        refresh: answer.refresh_token || (tokens && tokens.refresh),
        id: answer.id_token || (tokens && tokens.id),
        expiresIn,
        receivedAt,
        encrypted,
        claims,
    };
    scheduleRefresh();
    notify();
}

async function userinfo(accessToken, expiresAt) {
    let response;
    try {
        response = await fetch('/auth/userinfo', {
            headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
            cache: 'no-store',
        });
    } catch (error) {
        throw new Error(`The userinfo endpoint could not be reached: ${error.message}`);
    }
    const info = await response.json().catch(() => null);
    if (!response.ok || !info) {
        const words = info && info.error_description ? info.error_description : `HTTP ${response.status}`;
        throw new Error(`The service did not say whom the encrypted token speaks for: ${words}`);
    }
    return { sub: info.sub, upn: info.preferred_username, groups: info.groups || [], exp: expiresAt };
}

function scheduleRefresh() {
    clearTimeout(refreshTimer);
    if (!tokens || !tokens.refresh) {
        return;
    }
    const lifetime = tokens.expiresIn || Math.max(0, (tokens.claims.exp || 0) - Date.now() / 1000);
    const delay = Math.max(MIN_REFRESH_DELAY_SECONDS, Math.min(lifetime * 0.8, lifetime - REFRESH_MARGIN_SECONDS));
    refreshTimer = setTimeout(() => session.refreshNow(), delay * 1000);
}

function notify(event = {}) {
    for (const listener of listeners) {
        listener({ signedIn: Boolean(tokens), ...event });
    }
}

function end(reason) {
    clearTimeout(refreshTimer);
    tokens = null;
    notify({ reason });
}

/** What the current URL says after a round trip: ?code=..&state=.. or ?error=.. or a sign-out. */
async function completeRedirect(issuer) {
    const params = new URLSearchParams(location.search);
    if (!params.has('code') && !params.has('error') && !params.has('state')) {
        return null;
    }
    // the code must not stay in the address bar or the history
    history.replaceState(null, '', location.pathname + location.hash);
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    const pendingLogout = sessionStorage.getItem(PENDING_LOGOUT);
    sessionStorage.removeItem(PENDING);
    sessionStorage.removeItem(PENDING_LOGOUT);
    const state = params.get('state');
    if (pendingLogout && state === pendingLogout && !params.has('code')) {
        return { message: 'You are signed out.' };
    }
    if (!pending || state !== pending.state) {
        throw new Error('The answer from the sign-in page does not match a sign-in started here (state differs); '
            + 'sign in again.');
    }
    if (params.has('error') && pending.silent && SILENT_REFUSALS.has(params.get('error'))) {
        // no single sign-on session to resume: the reader signs in with the button, nothing went wrong
        return { message: null, silentFailed: true };
    }
    if (params.has('error')) {
        const words = params.get('error_description') || params.get('error');
        throw new Error(`Sign-in did not complete: ${words} (${params.get('error')})`);
    }
    if (params.has('iss') && issuer && params.get('iss') !== issuer) {
        // RFC 9207: a code from another issuer must never be redeemed here
        throw new Error(`The sign-in answer came from the issuer ${params.get('iss')}, not ${issuer}.`);
    }
    const answer = await tokenRequest({
        grant_type: 'authorization_code',
        code: params.get('code'),
        redirect_uri: redirectUri(),
        code_verifier: pending.verifier,
    });
    if (answer.id_token && decode(answer.id_token).claims.nonce !== pending.nonce) {
        throw new Error('The ID token does not carry the nonce of this sign-in; it is not used.');
    }
    await accept(answer);
    return { message: null };
}

export const session = {
    /** Finishes a sign-in or sign-out round trip when the URL carries one; answers {message} or null. */
    start: completeRedirect,

    /**
     * Leaves for the service's sign-in page; {silent: true} asks with prompt=none, so a live single
     * sign-on session comes straight back signed in and none comes back with login_required.
     */
    async signIn({ silent = false } = {}) {
        const verifier = randomString(32);
        const pending = { verifier, state: randomString(16), nonce: randomString(16), silent };
        const challenge = await challengeOf(verifier);
        sessionStorage.setItem(PENDING, JSON.stringify(pending));
        const url = new URL('/auth/authorize', location.origin);
        const params = new URLSearchParams({
            response_type: 'code',
            client_id: CLIENT_ID,
            redirect_uri: redirectUri(),
            scope: 'openid',
            state: pending.state,
            nonce: pending.nonce,
            code_challenge: challenge,
            code_challenge_method: 'S256',
        });
        if (silent) {
            params.set('prompt', 'none');
        }
        url.search = params.toString();
        location.assign(url.toString());
    },

    /** Ends the browser session and its tokens at the service, which sends the browser back here. */
    signOut() {
        const state = randomString(16);
        const url = new URL('/auth/end-session', location.origin);
        const params = { post_logout_redirect_uri: redirectUri(), state, client_id: CLIENT_ID };
        if (tokens && tokens.id) {
            params.id_token_hint = tokens.id;
        }
        url.search = new URLSearchParams(params).toString();
        sessionStorage.setItem(PENDING_LOGOUT, state);
        clearTimeout(refreshTimer);
        tokens = null;
        location.assign(url.toString());
    },

    /** Refreshes the tokens now; answers whether a fresh access token is at hand. */
    async refreshNow() {
        if (!tokens || !tokens.refresh) {
            return false;
        }
        if (!refreshing) {
            refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh })
                .then(async answer => {
                    await accept(answer);
                    return true;
                })
                .catch(error => {
                    end(`Your session has ended: ${error.message}. Sign in again.`);
                    return false;
                })
                .finally(() => {
                    refreshing = null;
                });
        }
        return refreshing;
    },

    accessToken() {
        return tokens && tokens.access;
    },

    /** Whether the access token is a nested JWE that only the service can read. */
    encrypted() {
        return Boolean(tokens && tokens.encrypted);
    },

    /**
     * The access token's claims (decoded; the service verified them when it issued the token). For an
     * encrypted token only what userinfo tells: sub, upn, groups, and exp from expires_in.
     */
    claims() {
        return tokens && tokens.claims;
    },

    /** Seconds until the access token expires, by the reader's clock. */
    secondsLeft() {
        if (!tokens) {
            return 0;
        }
        // expires_in is the service's own count, so a wrong clock here does not move the countdown
        return tokens.expiresIn
            ? tokens.expiresIn - (Date.now() - tokens.receivedAt) / 1000
            : (tokens.claims.exp || 0) - Date.now() / 1000;
    },

    /** Called with {signedIn, reason?} on every sign-in, refresh and end. */
    onChange(listener) {
        listeners.add(listener);
    },
};
