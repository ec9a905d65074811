// The pages of the inbox, in navigation order. A page module exports
//   mount(container, route) → { update(route), unmount() }
// where route is { path: ['messages', '12'], params: URLSearchParams } parsed from the location hash.
// A new page is one entry here plus its file name in StaticAssets.SCRIPTS on the server.
import { url } from './api.js';

export const PAGES = [
  { name: 'messages', label: 'Inbox', key: 'i', load: () => import('./inbox.js') },
  { name: 'mailboxes', label: 'Mailboxes', key: 'm', load: () => import('./mailboxes.js') },
  { name: 'sessions', label: 'Sessions', key: 's', load: () => import('./sessions.js') },
  { name: 'faults', label: 'Faults', key: 'f', load: () => import('./faults.js') },
  { name: 'dns', label: 'DNS', key: 'n', load: () => import('./dns.js') },
];

export const DEFAULT_PAGE = 'messages';

/** '#/messages/12?q=x' → { path: ['messages', '12'], params } */
export function parseRoute(hash) {
  const text = hash.replace(/^#\/?/, '');
  const question = text.indexOf('?');
  const pathText = question < 0 ? text : text.slice(0, question);
  const params = new URLSearchParams(question < 0 ? '' : text.slice(question + 1));
  const path = pathText.split('/').filter((part) => part !== '').map(decodeURIComponent);
  if (path.length === 0 || !PAGES.some((page) => page.name === path[0])) {
    path.unshift(DEFAULT_PAGE);
  }
  return { path, params };
}

/** ['messages', '12'] + { q: 'x' } → '#/messages/12?q=x' */
export function routeHash(path, params) {
  return url('#/' + path.map((part) => encodeURIComponent(String(part))).join('/'), params);
}
