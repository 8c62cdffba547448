// The console's entry point: finishes a sign-in round trip, then shows one section at a time,
// chosen by the address's #fragment, so the browser's back button and bookmarks work.
import { session } from './session.js';
import { roles } from './jwt.js';
import { byId, say, sayError } from './dom.js';
import { installTokenCheck, renderMyToken } from './token-view.js';
import { installUsers, loadUsers } from './users-view.js';
import { forgetSecret, installClients, loadClients } from './clients-view.js';
import { installKeys, loadKeys } from './keys-view.js';
import { installAudit, loadAudit } from './audit-view.js';

const SECTIONS = {
    token: { admin: false, load: () => renderMyToken(isAdmin()) },
    users: { admin: true, load: loadUsers },
    clients: { admin: true, load: loadClients },
    keys: { admin: true, load: loadKeys },
    audit: { admin: true, load: loadAudit },
};

function isAdmin() {
    const claims = session.claims();
    return Boolean(claims) && roles(claims).includes('admin');
}

function notice(message, kind = 'info') {
    const node = byId('notice');
    node.className = `notice ${kind}`;
    say(node, message);
}

function showOnly(id) {
    for (const view of document.querySelectorAll('main > section')) {
        view.hidden = view.id !== id;
    }
}

async function route() {
    if (!session.accessToken()) {
        showOnly('view-signin');
        byId('nav').hidden = true;
        byId('who').hidden = true;
        return;
    }
    const name = location.hash.replace(/^#/, '') || 'token';
    const section = SECTIONS[name] || SECTIONS.token;
    const id = SECTIONS[name] ? name : 'token';
    for (const link of document.querySelectorAll('#nav a')) {
        if (link.getAttribute('href') === `#${id}`) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    if (id !== 'clients') {
        forgetSecret();
    }
    if (section.admin && !isAdmin()) {
        showOnly('view-forbidden');
        return;
    }
    showOnly(`view-${id}`);
    await section.load();
}

function showSignedIn() {
    const claims = session.claims();
    byId('who-name').textContent = claims.upn || claims.preferred_username || claims.sub;
    byId('nav').hidden = false;
    byId('who').hidden = false;
    for (const link of document.querySelectorAll('#nav .admin-only')) {
        link.hidden = !isAdmin();
    }
}

session.onChange(event => {
    if (event.signedIn) {
        showSignedIn();
        if ((location.hash.replace(/^#/, '') || 'token') === 'token') {
            renderMyToken(isAdmin());
        }
    } else {
        if (event.reason) {
            notice(event.reason, 'error');
        }
        route();
    }
});

// Nothing fails silently: an error no view caught still reaches the reader.
window.addEventListener('unhandledrejection', event => {
    notice(`Something went wrong: ${event.reason && event.reason.message ? event.reason.message : event.reason}`, 'error');
});
window.addEventListener('error', event => notice(`Something went wrong: ${event.message}`, 'error'));

async function main() {
    installTokenCheck();
    installUsers();
    installClients();
    installKeys();
    installAudit();
    byId('start-sign-in').addEventListener('click', () => session.signIn().catch(error => sayError(byId('signin-error'), error)));
    byId('sign-out').addEventListener('click', () => session.signOut());
    // sections are chosen by the #fragment, so the skip link moves the focus instead of changing it
    document.querySelector('.skip').addEventListener('click', event => {
        event.preventDefault();
        byId('main').focus();
    });
    window.addEventListener('hashchange', () => {
        route();
        byId('main').focus();
    });
    const named = await issuer();
    const sameOrigin = !warnOnOtherOrigin(named);
    let result;
    try {
        result = await session.start(named);
        if (result && result.message) {
            notice(result.message);
        }
    } catch (error) {
        result = { failed: true };
        sayError(byId('signin-error'), error);
    }
    if (!result && sameOrigin && window.crypto && crypto.subtle) {
        // a fresh load (tokens are never stored): resume the single sign-on session if there is one
        try {
            await session.signIn({ silent: true });
            return;
        } catch (error) {
            sayError(byId('signin-error'), error);
        }
    }
    await route();
}

/**
 * The console's redirect URI is registered for the issuer's address by default: opened elsewhere
 * (another host name, a proxy), the sign-in page would refuse it, so say so before anyone tries.
 * Answers true when the console may be at the wrong address (or the issuer is unknown).
 */
function warnOnOtherOrigin(named) {
    let origin = null;
    try {
        origin = named ? new URL(named).origin : null;
    } catch {
        origin = null;
    }
    if (origin && origin !== location.origin) {
        notice(`This console is opened at ${location.origin}, but the service's issuer is ${named}: sign-in works only `
            + `when auth.clients.console.redirect-uris lists ${location.origin}/console/, or at ${origin}/console/.`, 'error');
        return true;
    }
    return !origin;
}

/** The issuer the service names in its discovery document; codes from any other are refused. */
async function issuer() {
    try {
        const response = await fetch('/.well-known/openid-configuration', { headers: { Accept: 'application/json' } });
        return response.ok ? (await response.json()).issuer : null;
    } catch {
        return null;
    }
}

main();
