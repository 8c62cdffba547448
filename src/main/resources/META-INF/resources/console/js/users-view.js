// Users, for admins: search, paging, create, roles, enable/disable, end sessions, clear a lockout.
import { api } from './api.js';
import { busy, byId, cell, el, fill, pager, parseList, say, sayError, table, time, turns } from './dom.js';

const nextTurn = turns();

const PAGE_SIZE = 10;
let query = { search: '', page: 0 };

export function installUsers() {
    byId('user-search-form').addEventListener('submit', event => {
        event.preventDefault();
        query = { search: byId('user-search').value.trim(), page: 0 };
        loadUsers();
    });
    byId('user-create-form').addEventListener('submit', async event => {
        event.preventDefault();
        const username = byId('new-username').value.trim();
        await busy(byId('create-user'), byId('users-error'), async () => {
            const user = await api('/admin/users', {
                method: 'POST',
                json: { username, password: byId('new-password').value, roles: parseList(byId('new-roles').value) },
            });
            byId('user-create-form').reset();
            byId('new-roles').value = 'user';
            say(byId('users-status'), `Created the user ${user.username} with the roles ${user.roles.join(', ') || '(none)'}.`);
            query = { search: user.username, page: 0 };
            byId('user-search').value = user.username;
            await loadUsers();
        });
    });
}

export async function loadUsers() {
    const region = byId('users-list');
    try {
        const current = nextTurn();
        const page = await api('/admin/users', { query: { search: query.search, page: query.page, size: PAGE_SIZE } });
        if (!current()) {
            return;
        }
        fill(region,
            page.items.length
                ? table('Users', ['Username', 'Roles', 'Status', 'Created', 'Actions'], page.items.map(userRow))
                : el('p', {}, query.search ? `No user name contains “${query.search}”.` : 'There are no users.'),
            pager(page, p => {
                query.page = p;
                loadUsers();
            }));
    } catch (error) {
        sayError(byId('users-error'), error);
    }
}

function userRow(user) {
    const rolesInput = el('input', {
        type: 'text', value: user.roles.join(', '), class: 'roles-input',
        'aria-label': `Roles of ${user.username}`, autocomplete: 'off', spellcheck: 'false',
    });
    const act = (label, className, action) => {
        const button = el('button', { type: 'button', class: className }, label);
        button.addEventListener('click', () => busy(button, byId('users-error'), async () => {
            const message = await action();
            say(byId('users-status'), message);
            await loadUsers();
        }));
        return button;
    };
    return el('tr', { 'data-username': user.username },
        cell('Username', el('strong', {}, user.username)),
        cell('Roles', el('div', { class: 'inline' }, rolesInput,
            act('Save roles', 'save-roles', async () => {
                const changed = await patch(user, { roles: parseList(rolesInput.value) });
                return `The roles of ${changed.username} are now ${changed.roles.join(', ') || '(none)'}; `
                    + 'its earlier access tokens are refused.';
            }))),
        cell('Status', el('span', { class: user.enabled ? 'state enabled' : 'state disabled' },
            user.enabled ? 'enabled' : 'disabled')),
        cell('Created', time(user.created_at)),
        cell('Actions', el('div', { class: 'actions' },
            act(user.enabled ? 'Disable' : 'Enable', 'toggle-enabled', async () => {
                const changed = await patch(user, { enabled: !user.enabled });
                return changed.enabled
                    ? `${changed.username} is enabled again.`
                    : `${changed.username} is disabled: its sessions are ended and its tokens refused.`;
            }),
            act('End sessions', 'end-sessions', async () => {
                await api(`/admin/users/${user.id}/logout`, { method: 'POST' });
                return `Every session of ${user.username} is ended and its access tokens are refused.`;
            }),
            act('Clear lockout', 'clear-lockout', async () => {
                await api(`/admin/users/${user.id}/lockout`, { method: 'DELETE' });
                return `The failed-login lock of ${user.username} is cleared.`;
            }))));
}

function patch(user, change) {
    return api(`/admin/users/${user.id}`, { method: 'PATCH', json: change });
}
