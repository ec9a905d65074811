// The inbox page: the list of received messages (paged, searchable, live) beside the open message.
import { el, fill, notice, detailColumn } from './dom.js';
import { getJson, send } from './api.js';
import * as live from './live.js';
import * as keys from './keys.js';
import * as format from './format.js';
import { routeHash } from './pages.js';
import { MessageView } from './message.js';
import { firstRun } from './firstrun.js';
import { RowSelection } from './selection.js';

const PAGE_SIZE = 50;

export function mount(container, route) {
  const state = { query: '', offset: 0, selected: null, entries: [], total: 0, stored: 0, known: null, waiting: 0 };

  const search = el('input', {
    type: 'search', id: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Search messages',
    'aria-keyshortcuts': '/', placeholder: 'Search: words, from: to: cc: subject: is:unread larger:1M after: …',
    title: 'Search terms: words or "quoted words", from: to: cc: bcc: subject: text: message-id: has:attachment '
      + 'has:html is:read is:unread larger:10K smaller:2M after:2024-05-01 before:…; -term negates',
  });
  const searchError = el('p', { id: 'search-error', class: 'search-error', role: 'alert' });
  const summary = el('span', { id: 'list-summary', class: 'muted' });
  const newer = el('button', { type: 'button', id: 'newer', text: '‹ Newer', title: 'Newer messages ([)' });
  const older = el('button', { type: 'button', id: 'older', text: 'Older ›', title: 'Older messages (])' });
  const waitingButton = el('button', { type: 'button', id: 'new-arrivals', class: 'arrivals', hidden: true });
  const deleteAll = el('button', { type: 'button', id: 'delete-all', class: 'danger', text: 'Delete all' });
  const chosen = new RowSelection();
  const selectPage = el('input', { type: 'checkbox', id: 'select-page', title: 'Select all on this page',
    'aria-label': 'Select all messages on this page' });
  const deleteChosen = el('button', { type: 'button', id: 'delete-selected', class: 'danger', hidden: true });
  const list = el('ol', { id: 'message-list', class: 'message-list', role: 'listbox', 'aria-label': 'Messages' });
  const pane = el('section', { id: 'message-pane', class: 'message-pane', 'aria-label': 'Message' });
  const form = el('form', { class: 'search', role: 'search' }, search);
  const layout = el('div', { class: 'inbox', dataset: { open: 'false' } },
    el('section', { class: 'list-pane', 'aria-label': 'Message list' },
      form, searchError,
      el('div', { class: 'list-toolbar' }, selectPage, summary, waitingButton, el('span', { class: 'spacer' }),
        deleteChosen, newer, older, deleteAll),
      list),
    detailColumn('Messages', () => go(null, false), pane));
  container.appendChild(layout);
  const message = new MessageView(pane, {
    onDeleted: (id) => {
      const index = state.entries.findIndex((entry) => entry.id === id);
      const next = state.entries[index + 1] || state.entries[index - 1];
      go(next ? next.id : null, true);
      reload();
    },
  });

  function hash(id) {
    return routeHash(id === null ? ['messages'] : ['messages', id], { q: state.query, offset: state.offset || '' });
  }

  /** Opens a message (or none); `quietly` keeps the browser history from growing on keyboard moves. */
  function go(id, quietly) {
    if (quietly) {
      history.replaceState(null, '', hash(id));
      select(id);
    } else {
      location.hash = hash(id);
    }
  }

  function select(id) {
    state.selected = id;
    layout.dataset.open = String(id !== null);
    for (const row of list.children) {
      row.setAttribute('aria-selected', String(Number(row.dataset.id) === id));
    }
    const row = list.querySelector('[aria-selected="true"]');
    if (row) {
      row.scrollIntoView({ block: 'nearest' });
    }
    if (id === null) {
      message.clear();
    } else {
      message.show(id);
    }
  }

  /** Two lines: who and when; what (subject, then the start of the text), with attachment mark and size. */
  function row(entry) {
    const fresh = state.known !== null && !state.known.has(entry.id);
    const sender = entry.headerFrom || (entry.from === '' ? '<>' : entry.from);
    const checked = chosen.has(entry.id);
    return el('li', {
      role: 'option', id: 'message-' + entry.id, dataset: { id: entry.id },
      class: 'message-row' + (fresh ? ' fresh' : '') + (entry.read ? '' : ' unread') + (checked ? ' checked' : ''),
      'aria-selected': String(entry.id === state.selected),
    }, el('input', { type: 'checkbox', class: 'row-check', checked, 'aria-label': 'Select message ' + entry.id,
      title: 'Select (x); shift-click selects a range', onclick: (event) => choose(entry.id, event) }),
    el('a', { href: hash(entry.id), class: 'row-link', title: 'to ' + entry.to.join(', ') },
      el('span', { class: 'from', text: sender, title: 'MAIL FROM: <' + entry.from + '>' }),
      el('time', { class: 'time', datetime: entry.receivedAt, text: format.shortTime(entry.receivedAt),
        title: format.longTime(entry.receivedAt) }),
      el('span', { class: 'line2' },
        el('span', { class: 'subject' + (entry.subject ? '' : ' muted'), text: entry.subject || '(no subject)' }),
        entry.snippet ? el('span', { class: 'snippet', text: '— ' + entry.snippet }) : null),
      el('span', { class: 'meta' },
        entry.attachments > 0 ? el('span', { class: 'clip', title: format.plural(entry.attachments, 'attachment', 'attachments') },
          el('img', { src: 'paperclip.svg', alt: 'attachment', width: '14', height: '14' }),
          entry.attachments > 1 ? String(entry.attachments) : null) : null,
        el('span', { class: 'size', text: format.size(entry.size) }))));
  }

  function shownIds() {
    return state.entries.map((entry) => entry.id);
  }

  function choose(id, event) {
    chosen.set(id, event.target.checked, event.shiftKey, shownIds());
    showChosen();
  }

  /** Checkboxes, the page checkbox and the bulk button after the selection changed. */
  function showChosen() {
    for (const li of list.querySelectorAll('.message-row')) {
      const checked = chosen.has(Number(li.dataset.id));
      li.classList.toggle('checked', checked);
      li.querySelector('.row-check').checked = checked;
    }
    const shown = state.entries.length;
    selectPage.checked = shown > 0 && chosen.size === shown;
    selectPage.indeterminate = chosen.size > 0 && chosen.size < shown;
    selectPage.disabled = shown === 0;
    deleteChosen.hidden = chosen.size === 0;
    deleteChosen.textContent = 'Delete selected (' + chosen.size + ')';
  }

  function render(page) {
    state.entries = page.messages;
    state.total = page.total;
    chosen.retain(shownIds());
    const rows = page.messages.map(row);
    fill(list, rows.length ? rows : el('li', { class: 'empty' }, state.query
      ? notice('No message matches “' + state.query + '”.')
      : page.stored === 0 ? firstRun() : notice('No messages on this page.')));
    showChosen();
    state.known = new Set(page.messages.map((entry) => entry.id));
    const first = page.total === 0 ? 0 : state.offset + 1;
    const last = state.offset + page.messages.length;
    summary.textContent = state.query
      ? format.plural(page.total, 'match', 'matches') + (page.total > PAGE_SIZE ? ' (' + first + '–' + last + ')' : '')
      : (page.total > PAGE_SIZE ? first + '–' + last + ' of ' : '') + format.plural(page.total, 'message', 'messages');
    newer.disabled = state.offset === 0;
    older.disabled = last >= page.total;
    state.stored = page.stored;
    // With a search active the button deletes what the search matches, and says so.
    deleteAll.textContent = state.query ? 'Delete matches' : 'Delete all';
    deleteAll.disabled = state.query ? page.total === 0 : page.stored === 0;
  }

  async function reload() {
    try {
      const page = await getJson('api/messages', { q: state.query, offset: state.offset, limit: PAGE_SIZE });
      searchError.textContent = '';
      state.waiting = 0;
      waitingButton.hidden = true;
      render(page);
    } catch (error) {
      if (error.status === 400) {
        searchError.textContent = error.message;
      } else {
        fill(list, el('li', { class: 'empty' }, notice('Cannot load messages: ' + error.message, 'error')));
      }
    }
  }

  const reloadSoon = live.coalesce(reload, 200);

  function move(step) {
    if (state.entries.length === 0) {
      return;
    }
    const index = state.entries.findIndex((entry) => entry.id === state.selected);
    const next = index < 0 ? 0 : Math.min(state.entries.length - 1, Math.max(0, index + step));
    go(state.entries[next].id, true);
  }

  function page(step) {
    const offset = Math.max(0, state.offset + step * PAGE_SIZE);
    if (offset !== state.offset && (step < 0 || offset < state.total)) {
      state.offset = offset;
      state.known = null; // another page: its rows are not new arrivals
      go(null, false);
      reload();
    }
  }

  const searchSoon = (() => {
    let timer = null;
    return (immediately) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (search.value.trim() !== state.query) {
          state.query = search.value.trim();
          state.offset = 0;
          state.known = null; // another search: its results are not new arrivals
          history.replaceState(null, '', hash(state.selected));
          reload();
        }
      }, immediately ? 0 : 300);
    };
  })();

  search.addEventListener('input', () => searchSoon(false));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    searchSoon(true);
  });
  selectPage.addEventListener('change', () => {
    chosen.setAll(shownIds(), selectPage.checked);
    showChosen();
  });
  deleteChosen.addEventListener('click', deleteSelected);
  newer.addEventListener('click', () => page(-1));
  older.addEventListener('click', () => page(1));
  waitingButton.addEventListener('click', () => {
    state.offset = 0;
    go(state.selected, true);
    reload();
  });
  deleteAll.addEventListener('click', async () => {
    const query = state.query;
    const question = query
      ? 'Delete the ' + format.plural(state.total, 'message', 'messages') + ' matching “' + query + '”? '
        + format.plural(state.stored - state.total, 'other message stays', 'other messages stay') + '.'
      : 'Delete all ' + format.plural(state.stored, 'message', 'messages') + '?';
    if (confirm(question)) {
      await send('DELETE', query ? 'api/messages?' + new URLSearchParams({ q: query }) : 'api/messages');
      go(null, true);
      reload();
    }
  });

  /** Deletes exactly the checked rows, after a question that names how many. */
  async function deleteSelected() {
    const ids = [...chosen.ids];
    if (ids.length === 0 || !confirm('Delete ' + format.plural(ids.length, 'selected message', 'selected messages') + '?')) {
      return;
    }
    const failures = [];
    for (const id of ids) {
      try {
        await send('DELETE', 'api/messages/' + id);
      } catch (error) {
        if (error.status !== 404) { // already gone is what was asked for
          failures.push('#' + id + ': ' + error.message);
        }
      }
    }
    chosen.setAll([], false);
    if (ids.includes(state.selected)) {
      go(null, true);
    }
    await reload();
    if (failures.length) {
      searchError.textContent = 'Not deleted: ' + failures.join('; ');
    }
  }

  function toggleCurrent() {
    if (state.selected !== null && state.entries.some((entry) => entry.id === state.selected)) {
      chosen.toggle(state.selected, shownIds());
      showChosen();
    }
  }

  const unsubscribe = [
    live.on('received', () => {
      if (state.offset === 0) {
        reloadSoon();
      } else {
        state.waiting++;
        waitingButton.hidden = false;
        waitingButton.textContent = format.plural(state.waiting, 'new message', 'new messages') + ' — show';
      }
    }),
    live.on('deleted', (event) => {
      if (event.id === state.selected) {
        message.markDeleted(event.id);
      }
      reloadSoon();
    }),
    live.on('read', (event) => {
      // Opening a message here or in another tab marks it read on the server; every tab hears it.
      for (const id of event.ids) {
        const entry = state.entries.find((candidate) => candidate.id === id);
        if (entry) {
          entry.read = event.read;
        }
        const listed = document.getElementById('message-' + id);
        if (listed) {
          listed.classList.toggle('unread', !event.read);
        }
      }
    }),
    live.on('reset', () => {
      message.clear();
      reloadSoon();
    }),
    live.on('resync', reloadSoon),
    keys.bind(['j', 'ArrowDown'], 'Next message', () => move(1)),
    keys.bind(['k', 'ArrowUp'], 'Previous message', () => move(-1)),
    keys.bind(['/'], 'Search', () => search.focus()),
    keys.bind(['['], 'Newer page', () => page(-1)),
    keys.bind([']'], 'Older page', () => page(1)),
    keys.bind(['Delete', '#'], 'Delete the open message', () => message.deleteShown()),
    keys.bind(['Escape'], 'Close the message', () => go(null, false)),
    keys.bind(['x'], 'Select or unselect the open message (for Delete selected)', toggleCurrent),
    message.bindKeys(),
  ];

  function update(next) {
    const query = next.params.get('q') || '';
    const offset = Math.max(0, Number(next.params.get('offset')) || 0);
    const id = next.path[1] === undefined ? null : Number(next.path[1]);
    if (query !== state.query || offset !== state.offset || state.known === null) {
      state.known = null;
      state.query = query;
      state.offset = offset;
      search.value = query;
      reload();
    }
    if (id !== state.selected) {
      select(id);
    }
  }

  update(route);
  if (state.selected === null) {
    message.clear();
  }
  return {
    update,
    unmount() {
      unsubscribe.forEach((off) => off());
    },
  };
}
