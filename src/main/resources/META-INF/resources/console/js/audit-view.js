// The audit trail, for admins: filters by username, event type and time, newest first, paged.
import { api } from './api.js';
import { byId, cell, el, fill, pager, sayError, say, table, time, turns } from './dom.js';

const nextTurn = turns();

const PAGE_SIZE = 20;
let filter = {};
let currentPage = 0;

export function installAudit() {
    byId('audit-form').addEventListener('submit', event => {
        event.preventDefault();
        say(byId('audit-error'), '');
        try {
            filter = {
                user: byId('audit-user').value.trim(),
                type: byId('audit-type').value,
                since: isoOf(byId('audit-since').value, 'From'),
                until: isoOf(byId('audit-until').value, 'Until'),
            };
        } catch (error) {
            sayError(byId('audit-error'), error);
            return;
        }
        currentPage = 0;
        loadAudit();
    });
    byId('audit-form').addEventListener('reset', () => {
        filter = {};
        currentPage = 0;
        setTimeout(loadAudit);
    });
}

/** A datetime-local value is the reader's local time; the API wants ISO-8601 with an offset. */
function isoOf(value, label) {
    if (!value) {
        return '';
    }
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
        throw new Error(`${label}: “${value}” is not a date and time.`);
    }
    return date.toISOString();
}

export async function loadAudit() {
    try {
        const current = nextTurn();
        const page = await api('/admin/audit', { query: { ...filter, page: currentPage, size: PAGE_SIZE } });
        if (!current()) {
            return;
        }
        fill(byId('audit-list'),
            page.items.length
                ? table('Audit events, newest first', ['Time', 'Type', 'User', 'Client address', 'Details'],
                    page.items.map(event => el('tr', { 'data-type': event.type },
                        cell('Time', time(event.time)),
                        cell('Type', el('code', {}, event.type)),
                        cell('User', event.username || el('span', { class: 'muted' }, '—')),
                        cell('Client address', event.client_address || '—'),
                        cell('Details', details(event.details)))))
                : el('p', { id: 'audit-empty' }, 'No audit event matches these filters.'),
            pager(page, p => {
                currentPage = p;
                loadAudit();
            }));
    } catch (error) {
        sayError(byId('audit-error'), error);
    }
}

function details(value) {
    if (value === undefined || value === null || value === '') {
        return '—';
    }
    if (typeof value !== 'object') {
        return String(value);
    }
    const entries = Object.entries(value);
    return entries.length ? el('ul', { class: 'plain' }, entries.map(([k, v]) => el('li', {}, `${k}: ${v}`))) : '—';
}
