// The links of a message: listed from the server's reading of the HTML hrefs and the text; links to this
// machine can be checked on request (the server fetches them, HEAD first); others are only listed.
import { el, fill, notice } from './dom.js';
import { getJson, ApiError, scoped } from './api.js';

async function postJson(path) {
  const response = await fetch(scoped(path), { method: 'POST', cache: 'no-store', headers: { 'X-Fakemail': '1' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, body.error || 'HTTP ' + response.status);
  }
  return body;
}

function statusText(link) {
  if (!link.checked) {
    return link.note || 'not checked';
  }
  return (link.status === null ? 'no answer' : String(link.status)) + (link.note ? ' · ' + link.note : '');
}

function statusClass(link) {
  if (!link.checked) {
    return 'link-status muted';
  }
  return 'link-status ' + (link.status !== null && link.status < 400 ? 'ok' : 'bad');
}

export function linksView(id) {
  const list = el('ol', { id: 'link-list', class: 'link-list' });
  const check = el('button', { type: 'button', id: 'check-links', text: 'Check links to this machine', disabled: true,
    title: 'The server requests each localhost / 127.x / [::1] link (HEAD, or GET where HEAD is refused): '
      + 'a link that acts on GET (a confirmation) is then used up. Other links are never requested.' });
  const status = el('span', { class: 'muted', role: 'status' });
  const show = (links) => fill(list, links.length ? links.map((link) => el('li', { dataset: { url: link.url } },
    el('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer', class: 'link-url', text: link.url }),
    ' ', el('span', { class: 'flag', text: link.source }),
    link.loopback ? [' ', el('span', { class: 'flag', text: 'this machine' })] : null,
    ' ', el('span', { class: 'link-status muted', text: link.loopback ? '' : 'not checked (not on this machine)' })))
    : el('li', {}, notice('This message has no http or https links.')));
  getJson('api/messages/' + id + '/links').then((answer) => {
    show(answer.links);
    check.disabled = !answer.links.some((link) => link.loopback);
  }, (error) => fill(list, el('li', {}, notice('Cannot list the links: ' + error.message, 'error'))));
  check.addEventListener('click', async () => {
    check.disabled = true;
    status.textContent = 'Checking…';
    try {
      const answer = await postJson('api/messages/' + id + '/links/check');
      for (const link of answer.links) {
        const row = [...list.children].find((li) => li.dataset.url === link.url);
        const cell = row && row.querySelector('.link-status');
        if (cell) {
          cell.className = statusClass(link);
          cell.textContent = statusText(link);
        }
      }
      status.textContent = 'Checked.';
    } catch (error) {
      status.textContent = 'Cannot check: ' + error.message;
    } finally {
      check.disabled = false;
    }
  });
  return el('div', { class: 'links-view' }, el('div', { class: 'html-toolbar' }, check, status), list);
}
