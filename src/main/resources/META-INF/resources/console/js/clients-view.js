// Clients, for admins: create (confidential or public, with redirect URIs), the secret shown once,
// rotate the secret, delete.
import { api } from './api.js';
import { busy, byId, cell, confirmButton, el, fill, pager, parseList, say, sayError, table, time, turns } from './dom.js';

const nextTurn = turns();

const PAGE_SIZE = 10;
let currentPage = 0;

export function installClients() {
    byId('client-create-form').addEventListener('submit', async event => {
        event.preventDefault();
        const request = {
            type: byId('client-type').value,
            roles: parseList(byId('client-roles').value),
            redirect_uris: byId('client-redirects').value.split(/\s+/).filter(Boolean),
        };
        const clientId = byId('client-id').value.trim();
        if (clientId) {
            request.client_id = clientId;
        }
        await busy(byId('create-client'), byId('clients-error'), async () => {
            const client = await api('/admin/clients', { method: 'POST', json: request });
            byId('client-create-form').reset();
            showSecret(client, 'created');
            await loadClients();
        });
    });
    byId('client-secret-done').addEventListener('click', hideSecret);
}

/** The secret exists only in this answer: shown once, then forgotten when dismissed. */
function showSecret(client, what) {
    const box = byId('client-secret-box');
    if (!client.client_secret) {
        hideSecret();
        say(byId('clients-status'), `The ${client.type || 'public'} client ${client.client_id} was ${what}; `
            + 'a public client has no secret.');
        return;
    }
    say(byId('clients-status'), '');
    byId('client-secret-for').textContent = client.client_id;
    byId('client-secret').textContent = client.client_secret;
    box.hidden = false;
    byId('client-secret').focus();
}

function hideSecret() {
    byId('client-secret').textContent = '';
    byId('client-secret-box').hidden = true;
}

export async function loadClients() {
    const region = byId('clients-list');
    try {
        const current = nextTurn();
        const page = await api('/admin/clients', { query: { page: currentPage, size: PAGE_SIZE } });
        if (!current()) {
            return;
        }
        fill(region,
            page.items.length
                ? table('Clients', ['Client id', 'Type', 'Roles', 'Redirect URIs', 'Created', 'Actions'], page.items.map(clientRow))
                : el('p', {}, 'There are no clients yet.'),
            pager(page, p => {
                currentPage = p;
                loadClients();
            }));
    } catch (error) {
        sayError(byId('clients-error'), error);
    }
}

function clientRow(client) {
    const uris = client.redirect_uris || [];
    const builtIn = Boolean(client.built_in);
    return el('tr', { 'data-client-id': client.client_id, 'data-built-in': builtIn ? 'true' : null },
        cell('Client id', el('strong', {}, client.client_id)),
        cell('Type', client.type || 'confidential'),
        cell('Roles', (client.roles || []).join(', ') || (builtIn ? 'the user\'s own' : '—')),
        cell('Redirect URIs', uris.length ? el('ul', { class: 'plain' }, uris.map(u => el('li', {}, el('code', {}, u)))) : '—'),
        cell('Created', builtIn ? el('span', { class: 'muted' }, 'built in') : time(client.created_at)),
        // a built-in client is defined by the service's configuration, not stored: nothing to rotate or delete
        cell('Actions', builtIn ? el('span', { class: 'muted' }, 'set by configuration') : actionsFor(client)));
}

function actionsFor(client) {
    const actions = el('div', { class: 'actions' });
    if (client.type !== 'public') {
        const rotate = confirmButton('Rotate secret', 'Confirm: rotate', async () => {
            await busy(rotate, byId('clients-error'), async () => {
                showSecret(await api(`/admin/clients/${encodeURIComponent(client.client_id)}/secret`, { method: 'POST' }), 'given a new secret');
            });
        }, { class: 'rotate-secret' });
        actions.append(rotate);
    }
    const remove = confirmButton('Delete', 'Confirm: delete', async () => {
        await busy(remove, byId('clients-error'), async () => {
            await api(`/admin/clients/${encodeURIComponent(client.client_id)}`, { method: 'DELETE' });
            say(byId('clients-status'), `The client ${client.client_id} is deleted; its tokens are refused.`);
            await loadClients();
        });
    }, { class: 'danger delete-client' });
    actions.append(remove);
    return actions;
}

export function forgetSecret() {
    hideSecret();
}
