// The sessions page: every recent SMTP and POP3 session, and its transcript line by line.
import { el, fill, notice, detailColumn, gridTable, wholeRow } from './dom.js';
import { getJson } from './api.js';
import * as live from './live.js';
import * as format from './format.js';
import { routeHash } from './pages.js';

const REFRESH_MILLIS = 3000; // the core announces no session events: sessions without mail show up by polling
const DELIVERED_SHOWN = 5; // more delivered messages than this collapse behind "N messages"

/** What came of a session, in a few words: "delivered 2 · refused 1 · fault hit", "no mail", ... */
export function outcomeText(session) {
  const o = session.outcome;
  const parts = [];
  if (o.delivered > 0) {
    parts.push('delivered ' + o.delivered);
  }
  if (o.refusals > 0) {
    parts.push(o.refusals === 1 ? 'refused' : 'refused ' + o.refusals + '×');
  }
  if (o.faultHits > 0) {
    parts.push(o.faultHits === 1 ? 'fault hit' : o.faultHits + ' fault hits');
  }
  if (o.unacknowledged > 0) {
    parts.push(o.unacknowledged === 1 ? 'unacknowledged' : o.unacknowledged + ' unacknowledged');
  }
  if (parts.length === 0) {
    parts.push(session.protocol.startsWith('SMTP') ? 'no mail' : 'ok');
  }
  return parts.join(' · ');
}

function outcomeClass(session) {
  const o = session.outcome;
  return 'outcome' + (o.unacknowledged > 0 || o.faultHits > 0 ? ' warn' : o.refusals > 0 ? ' refused' : '');
}

function deliveredList(ids) {
  const links = ids.map((id, i) => [i ? ', ' : '', el('a', { href: routeHash(['messages', id]), text: 'message #' + id })]);
  if (ids.length <= DELIVERED_SHOWN) {
    return el('p', { id: 'delivered' }, 'Delivered: ', links);
  }
  return el('details', { id: 'delivered', class: 'delivered' },
    el('summary', { text: 'Delivered: ' + format.plural(ids.length, 'message', 'messages') }), el('p', {}, links));
}

export function mount(container, route) {
  let selected = null;
  const list = el('tbody', { id: 'session-list' });
  const detail = el('section', { id: 'session-detail', class: 'session-detail', 'aria-label': 'Transcript' });
  const summary = el('span', { class: 'muted' });
  const layout = el('div', { class: 'split sessions', dataset: { open: 'false' } },
    el('section', { class: 'list-pane', 'aria-label': 'Sessions' },
      el('div', { class: 'list-toolbar' }, el('h2', { text: 'Sessions' }), summary),
      gridTable({}, ['#', 'Protocol', 'Client', 'Started', 'Lines', 'Outcome', ''], list)),
    detailColumn('Sessions', () => { location.hash = routeHash(['sessions']); }, detail));
  container.appendChild(layout);

  async function loadList() {
    try {
      const page = await getJson('api/sessions', { limit: 200 });
      summary.textContent = format.plural(page.total, 'session', 'sessions') + ' kept';
      fill(list, page.sessions.length ? page.sessions.map((session) => el('tr', {
        class: 'clickable' + (session.id === selected ? ' selected' : ''), dataset: { id: session.id },
        // The whole row opens the session; the id stays a real link (keyboard, middle click).
        onclick: (event) => {
          if (!event.target.closest('a')) {
            location.hash = routeHash(['sessions', session.id]);
          }
        },
      },
      el('td', {}, el('a', { href: routeHash(['sessions', session.id]), text: '#' + session.id })),
      el('td', { text: session.protocol }),
      el('td', { text: session.client }),
      el('td', {}, el('time', { datetime: session.started, text: format.shortTime(session.started),
        title: format.longTime(session.started) })),
      el('td', { class: 'number', text: String(session.lineCount) }),
      el('td', { class: outcomeClass(session), text: outcomeText(session) }),
      el('td', { class: 'muted', text: session.ended ? 'ended' : 'open' })))
        : wholeRow(7, notice('No sessions yet.')));
    } catch (error) {
      fill(list, wholeRow(7, notice('Cannot load sessions: ' + error.message, 'error')));
    }
  }

  async function loadDetail() {
    if (selected === null) {
      fill(detail, notice('Select a session to read what client and server said.'));
      return;
    }
    try {
      const d = await getJson('api/sessions/' + selected);
      const s = d.session;
      fill(detail,
        el('h2', { text: s.protocol + ' session #' + s.id }),
        el('p', { class: 'muted', text: 'from ' + s.client + ', ' + format.longTime(s.started) + (s.ended ? '' : ' (still open)') }),
        el('p', {}, 'Outcome: ', el('span', { id: 'session-outcome', class: outcomeClass(s), text: outcomeText(s) })),
        d.messageIds.length ? deliveredList(d.messageIds) : null,
        el('ol', { class: 'transcript', id: 'transcript' }, d.transcript.map((line) => el('li', { class: 'dir-' +
          (line.direction === '*' ? 'event' : line.direction) },
        el('span', { class: 'offset', text: format.offset(s.started, line.time) }),
        el('span', { class: 'direction', text: line.direction }),
        el('span', { class: 'line', text: line.text })))),
        s.droppedLines > 0 ? notice(format.plural(s.droppedLines, 'line was', 'lines were') +
          ' not kept from the middle of this long session; its start and its end are shown.') : null);
    } catch (error) {
      fill(detail, notice(error.message, 'error'));
    }
  }

  const refresh = live.coalesce(() => {
    loadList();
    loadDetail();
  }, 300);
  const timer = setInterval(() => {
    if (!document.hidden) {
      refresh();
    }
  }, REFRESH_MILLIS);
  const unsubscribe = live.onEach(['received', 'reset', 'resync'], refresh);

  function update(next) {
    selected = next.path[1] === undefined ? null : Number(next.path[1]);
    layout.dataset.open = String(selected !== null);
    for (const tr of list.children) {
      tr.classList.toggle('selected', Number(tr.dataset.id) === selected);
    }
    loadDetail();
  }

  loadList();
  update(route);
  return {
    update,
    unmount() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
