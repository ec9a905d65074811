// The inbox application: navigation between pages, the live event stream, global keys and the help.
import { PAGES, parseRoute } from './pages.js';
import { el, fill } from './dom.js';
import * as keys from './keys.js';
import * as live from './live.js';
import { getJson, inbox } from './api.js';
import * as notify from './notify.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const help = document.getElementById('help');
let current = null; // { name, page }
let navigation = Promise.resolve();

function buildNav() {
  for (const page of PAGES) {
    nav.appendChild(el('a', { href: '#/' + page.name, dataset: { page: page.name }, 'aria-keyshortcuts': page.key },
      page.label, page.name === 'messages' ? el('span', { id: 'stored', class: 'badge' }) : null));
    keys.bind([page.key], 'Go to ' + page.label, () => {
      location.hash = '#/' + page.name;
    });
  }
}

async function show() {
  const route = parseRoute(location.hash);
  const name = route.path[0];
  for (const link of nav.querySelectorAll('a')) {
    link.classList.toggle('active', link.dataset.page === name);
    if (link.dataset.page === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (current && current.name === name) {
    current.page.update(route);
    return;
  }
  if (current) {
    current.page.unmount();
    current = null;
  }
  const module = await PAGES.find((page) => page.name === name).load();
  fill(view);
  current = { name, page: module.mount(view, route) };
}

// Pages load asynchronously: one navigation at a time, in order.
function navigate() {
  navigation = navigation.then(show).catch((error) => {
    fill(view, el('p', { class: 'notice error', text: 'Cannot show this page: ' + error.message }));
  });
}

/** The tab title counts unread messages, as mail clients do: "(3) fakemail". */
function showUnread(unread) {
  const name = inbox ? 'fakemail · ' + inbox : 'fakemail';
  document.title = unread > 0 ? '(' + unread.toLocaleString() + ') ' + name : name;
}

/**
 * The inbox switcher: shown once the server has isolated inboxes (or this page shows one). Choosing another
 * reloads the page on it (?inbox=<id>), so every request, event stream and link of the page follows.
 */
async function showInboxes() {
  const select = document.getElementById('inbox-switch');
  let inboxes = [];
  try {
    inboxes = (await getJson('api/inboxes')).inboxes;
  } catch (error) {
    // an inbox over a remote control has no isolated inboxes: nothing to switch
  }
  if (inboxes.length === 0 && !inbox) {
    select.hidden = true;
    return;
  }
  const options = [el('option', { value: '', text: 'Default inbox' })];
  for (const each of inboxes) {
    options.push(el('option', { value: each.id, text: each.id + ' (' + each.route + ' ' + each.value + ')' }));
  }
  if (inbox && !inboxes.some((each) => each.id === inbox)) {
    options.push(el('option', { value: inbox, text: inbox + ' (gone)' }));
  }
  fill(select, ...options);
  select.value = inbox;
  select.hidden = false;
}

function switchInbox(event) {
  const params = new URLSearchParams(location.search);
  if (event.target.value) {
    params.set('inbox', event.target.value);
  } else {
    params.delete('inbox');
  }
  const search = params.toString();
  location.assign(location.pathname + (search ? '?' + search : '') + '#/messages');
}

const refreshCount = live.coalesce(async () => {
  try {
    const page = await getJson('api/messages', { limit: 1 });
    document.getElementById('stored').textContent = page.stored > 0 ? page.stored.toLocaleString() : '';
    showUnread(page.unread);
  } catch (error) {
    // the count is decoration; the pages say what is wrong
  }
}, 300);

function openHelp() {
  fill(document.getElementById('help-keys'), keys.described().flatMap((entry) => [
    el('dt', {}, entry.keys.map((key) => el('kbd', { text: key === ' ' ? 'Space' : key }))),
    el('dd', { text: entry.description }),
  ]));
  help.showModal();
}

buildNav();
keys.bind(['?'], 'Show these shortcuts', openHelp);
keys.listen();
document.getElementById('help-open').addEventListener('click', openHelp);
document.getElementById('help-close').addEventListener('click', () => help.close());
live.start(document.getElementById('live'));
notify.start(document.getElementById('notify-toggle'));
for (const event of ['received', 'deleted', 'reset', 'resync']) {
  live.on(event, refreshCount);
}
live.on('read', (event) => {
  showUnread(event.unread);
  refreshCount(); // a count fetched just before this change may answer after it: fetch again, coalesced
});
window.addEventListener('hashchange', navigate);
document.getElementById('inbox-switch').addEventListener('change', switchInbox);
showInboxes();
showUnread(0);
refreshCount();
navigate();
