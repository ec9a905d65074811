// The mailboxes page: each user's mailboxes as POP3 and IMAP clients see them (UIDs, flags, MODSEQ), live.
import { el, fill, notice, detailColumn, gridTable } from './dom.js';
import { getJson } from './api.js';
import * as live from './live.js';
import * as format from './format.js';
import { routeHash } from './pages.js';

export function mount(container, route) {
  let selected = null; // { user, name }
  const users = el('nav', { id: 'mailbox-users', class: 'mailbox-users', 'aria-label': 'Users and mailboxes' });
  const detail = el('section', { id: 'mailbox-detail', class: 'mailbox-detail', 'aria-label': 'Mailbox' });
  const layout = el('div', { class: 'split mailboxes', dataset: { open: 'false' } },
    el('section', { class: 'list-pane' }, el('div', { class: 'list-toolbar' }, el('h2', { text: 'Mailboxes' })), users),
    detailColumn('Mailboxes', () => { location.hash = routeHash(['mailboxes']); }, detail));
  container.appendChild(layout);

  async function loadUsers() {
    try {
      const all = await getJson('api/mailboxes');
      fill(users, all.length ? el('ul', { class: 'plain' }, all.map((user) => el('li', {},
        el('strong', { class: 'user', text: user.user }),
        el('ul', { class: 'plain' }, user.mailboxes.map((mailbox) => el('li', {},
          el('a', {
            href: routeHash(['mailboxes', user.user, mailbox.name]),
            class: selected && selected.user === user.user && selected.name === mailbox.name ? 'active' : '',
            text: mailbox.name,
          }),
          el('span', { class: 'badge', text: String(mailbox.messages) }))))))) 
        : notice('No mailboxes yet: each recipient of received mail gets an INBOX.'));
    } catch (error) {
      fill(users, notice('Cannot load mailboxes: ' + error.message, 'error'));
    }
  }

  async function loadMailbox() {
    if (selected === null) {
      fill(detail, notice('Select a mailbox.'));
      return;
    }
    try {
      const page = await getJson('api/mailbox', { user: selected.user, name: selected.name, limit: 200 });
      const m = page.mailbox;
      fill(detail,
        el('h2', { text: page.user + ' / ' + m.name }),
        el('p', { class: 'muted', text: format.plural(m.messages, 'message', 'messages') + ' · UIDVALIDITY ' + m.uidValidity
          + ' · UIDNEXT ' + m.uidNext + ' · HIGHESTMODSEQ ' + m.highestModSeq }),
        gridTable({ id: 'mailbox-messages' }, ['UID', 'Flags', 'From', 'Subject', 'Size', 'Date'],
          el('tbody', {}, page.messages.map((message) => el('tr', {},
            el('td', { class: 'number', text: String(message.uid) }),
            el('td', { text: message.flags.join(' ') }),
            el('td', { text: message.from || '' }),
            el('td', {}, message.messageId !== null
              ? el('a', { href: routeHash(['messages', message.messageId]), text: message.subject || '(no subject)' })
              : el('span', { class: 'muted', text: '(not in the received log)' })),
            el('td', { class: 'number', text: format.size(message.size) }),
            el('td', {}, el('time', { datetime: message.internalDate, text: format.shortTime(message.internalDate),
              title: format.longTime(message.internalDate) })))))));
    } catch (error) {
      fill(detail, notice(error.message, 'error'));
    }
  }

  const unsubscribe = live.onEach(['mailbox', 'reset', 'resync'], live.coalesce(() => {
    loadUsers();
    loadMailbox();
  }, 300));

  function update(next) {
    selected = next.path.length >= 3 ? { user: next.path[1], name: next.path[2] } : null;
    layout.dataset.open = String(selected !== null);
    loadUsers();
    loadMailbox();
  }

  update(route);
  return {
    update,
    unmount() {
      unsubscribe();
    },
  };
}
