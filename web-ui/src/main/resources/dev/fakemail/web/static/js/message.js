// One message: addresses and envelope, attachments, and tabs for HTML, text, headers, raw source and MIME tree.
// The HTML body is shown only inside an iframe sandboxed without scripts and without this page's origin,
// loaded from the server with its own restrictive policy; everything else is text.
import { el, fill, notice } from './dom.js';
import { getJson, getText, send, scoped } from './api.js';
import * as keys from './keys.js';
import * as format from './format.js';
import { routeHash } from './pages.js';
import { sourceView } from './htmlsource.js';
import { linksView } from './links.js';
import { authBadges, authView } from './auth.js';

const TABS = [
  { id: 'html', label: 'HTML', key: '1' },
  { id: 'text', label: 'Text', key: '2' },
  { id: 'headers', label: 'Headers', key: '3' },
  { id: 'raw', label: 'Raw', key: '4' },
  { id: 'mime', label: 'MIME', key: '5' },
  { id: 'source', label: 'HTML source', key: '6' },
  { id: 'links', label: 'Links', key: '7' },
  { id: 'auth', label: 'Authentication', key: '8' },
];
// Image types the part route serves as themselves (others come as application/octet-stream): previewed.
const PREVIEWED_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const VIEWPORTS = [
  { id: 'phone', label: 'Phone', title: '375 px wide' },
  { id: 'tablet', label: 'Tablet', title: '768 px wide' },
  { id: 'desktop', label: 'Desktop', title: 'as wide as the pane' },
];
const SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';
const RAW_SHOWN = 2 * 1024 * 1024;

function stored(key, fallback) {
  try {
    return localStorage.getItem('fakemail.' + key) || fallback;
  } catch (unavailable) {
    return fallback;
  }
}

function remember(key, value) {
  try {
    localStorage.setItem('fakemail.' + key, value);
  } catch (unavailable) {
    // preferences are a convenience
  }
}

/**
 * The address in "Name <a@b>" (or the text itself), lower case, for comparisons. Two index searches, not
 * /<([^>]*)>/: that one rescans from every '<' of a header full of them (seconds for 64 KB).
 */
function address(text) {
  const value = text || '';
  const open = value.indexOf('<');
  const close = open < 0 ? -1 : value.indexOf('>', open);
  return (close < 0 ? value : value.slice(open + 1, close)).trim().toLowerCase();
}

function row(label, ...values) {
  return [el('dt', { text: label }), el('dd', {}, ...values)];
}

export class MessageView {
  constructor(pane, { onDeleted }) {
    this.pane = pane;
    this.onDeleted = onDeleted;
    this.detail = null;
    this.tab = stored('tab', 'html');
    this.viewport = stored('viewport', 'desktop');
    this.remote = false;
    this.loading = 0;
  }

  clear() {
    this.detail = null;
    fill(this.pane, notice('Select a message to read it. Press ? for keyboard shortcuts.'));
  }

  async show(id) {
    const loading = ++this.loading;
    try {
      const detail = await getJson('api/messages/' + id);
      if (loading === this.loading) {
        this.detail = detail;
        this.remote = false;
        this.render();
      }
    } catch (error) {
      if (loading === this.loading) {
        this.detail = null;
        fill(this.pane, notice(error.status === 404 ? 'Message ' + id + ' is gone (deleted).' : error.message, 'error'));
      }
    }
  }

  markDeleted(id) {
    if (this.detail && this.detail.id === id) {
      this.pane.prepend(notice('This message was deleted.', 'error'));
    }
  }

  async deleteShown() {
    if (this.detail) {
      const id = this.detail.id;
      await send('DELETE', 'api/messages/' + id);
      this.onDeleted(id);
    }
  }

  bindKeys() {
    const off = TABS.map((tab) => keys.bind([tab.key], 'Show ' + tab.label, () => this.select(tab.id)));
    off.push(keys.bind(['v'], 'Switch the preview width (phone, tablet, desktop)', () => {
      const index = VIEWPORTS.findIndex((viewport) => viewport.id === this.viewport);
      this.setViewport(VIEWPORTS[(index + 1) % VIEWPORTS.length].id);
    }));
    return () => off.forEach((unbind) => unbind());
  }

  select(tab) {
    if (!this.detail) {
      return;
    }
    this.tab = tab;
    remember('tab', tab);
    for (const button of this.pane.querySelectorAll('[role="tab"]')) {
      button.setAttribute('aria-selected', String(button.dataset.tab === this.shownTab()));
    }
    this.renderTab();
  }

  /** The chosen tab, unless the message has no HTML body: then text. */
  shownTab() {
    return (this.tab === 'html' || this.tab === 'source') && this.detail.html === null ? 'text' : this.tab;
  }

  setViewport(viewport) {
    this.viewport = viewport;
    remember('viewport', viewport);
    const box = this.pane.querySelector('.frame-box');
    if (box) {
      box.className = 'frame-box viewport-' + viewport;
      for (const button of this.pane.querySelectorAll('[data-viewport]')) {
        button.setAttribute('aria-pressed', String(button.dataset.viewport === viewport));
      }
    }
  }

  render() {
    const d = this.detail;
    const base = 'api/messages/' + d.id;
    const hidden = new Set(d.hiddenRecipients.map((a) => a.toLowerCase()));
    const senderDiffers = d.headerFrom !== '' && address(d.headerFrom) !== d.from.toLowerCase();
    const head = el('header', { class: 'message-head' },
      el('h2', { id: 'message-subject', class: 'subject' + (d.subject ? '' : ' muted'), text: d.subject || '(no subject)' }),
      el('div', { class: 'actions' },
        el('a', { href: scoped(base + '/raw?download=1'), download: 'message-' + d.id + '.eml', class: 'button', text: 'Download .eml' }),
        d.html !== null ? el('a', { href: scoped(base + '/html'), target: '_blank', rel: 'noopener noreferrer', class: 'button',
          text: 'Open HTML', title: 'The HTML body alone in a new tab (still sandboxed)' }) : null,
        el('button', { type: 'button', id: 'delete-message', class: 'danger', text: 'Delete', title: 'Delete (Del)',
          onclick: () => this.deleteShown() })),
      el('dl', { class: 'addresses' },
        row('From', d.headerFrom || '(none)'),
        row('To', d.headerTo.join(', ') || '(none)'),
        d.headerCc.length ? row('Cc', d.headerCc.join(', ')) : null,
        row('Date', d.date || '(none)', el('span', { class: 'muted', text: ' · received ' + format.longTime(d.receivedAt) })),
        row('Envelope', el('span', { class: 'envelope-line', id: 'envelope-summary' },
          'MAIL FROM <' + d.from + '>', senderDiffers ? [' ', el('span', { class: 'flag', text: 'differs from From',
            title: 'The SMTP sender is not the address in the From header' })] : null,
          ' · RCPT TO ', d.to.map((rcpt, i) => [i ? ', ' : '', el('span', {
            class: hidden.has(rcpt.toLowerCase()) ? 'hidden-recipient' : '', text: rcpt,
            title: hidden.has(rcpt.toLowerCase()) ? 'Not in To or Cc: a Bcc recipient' : null })]))),
        d.hiddenRecipients.length ? row('Bcc', el('span', { id: 'hidden-recipients', class: 'hidden-recipient',
          text: d.hiddenRecipients.join(', '), title: 'Envelope recipients that no To or Cc field names' })) : null,
        d.authentication ? row('Checks', authBadges(d.authentication, () => this.select('auth'))) : null,
        d.sessionId !== null ? row('Session', el('a', { href: routeHash(['sessions', d.sessionId]),
          text: 'session #' + d.sessionId + ' (' + d.envelope.protocol + ')' })) : null));
    const attachments = d.attachments.length ? el('ul', { class: 'attachments', 'aria-label': 'Attachments' },
      d.attachments.map((part) => el('li', {},
        PREVIEWED_IMAGES.has(part.contentType) ? el('a', { href: part.url, download: format.fileName(part.filename || ''),
          class: 'thumb-link', title: 'Download' }, el('img', { class: 'thumb', src: part.url, loading: 'lazy',
          alt: 'preview of ' + format.fileName(part.filename || 'part ' + part.path) })) : null,
        el('a', { href: part.url, download: format.fileName(part.filename || ''), class: 'attachment',
          text: part.filename ? format.fileName(part.filename) : 'part ' + part.path }),
        el('span', { class: 'muted', text: ' ' + part.contentType + ', ' + format.size(part.size) }),
        part.contentType === 'application/pdf' ? el('button', { type: 'button', class: 'pdf-toggle', text: 'Preview',
          'aria-pressed': 'false', onclick: (event) => this.togglePdf(part, event.target) }) : null))) : null;
    const tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views of the message' },
      TABS.map((tab) => el('button', {
        type: 'button', role: 'tab', id: 'tab-' + tab.id, dataset: { tab: tab.id }, 'aria-controls': 'tab-panel',
        'aria-selected': String(tab.id === this.shownTab()), disabled: (tab.id === 'html' || tab.id === 'source') && d.html === null,
        title: tab.label + ' (' + tab.key + ')', text: tab.label, onclick: () => this.select(tab.id),
      })));
    this.panel = el('div', { id: 'tab-panel', class: 'tab-panel', role: 'tabpanel' });
    fill(this.pane, el('article', { class: 'message' }, head, attachments, tabs, this.panel));
    this.renderTab();
  }

  /**
   * Shows a PDF attachment in a frame below the attachments, or hides it. The frame has no sandbox attribute:
   * Chromium refuses to run its PDF viewer in a sandboxed frame. The part itself comes with a sandboxing
   * policy (CSP sandbox, default-src 'none'), so nothing in it runs script in the inbox's origin.
   */
  togglePdf(part, button) {
    const open = this.pane.querySelector('.pdf-preview');
    const same = open && open.dataset.path === part.path;
    if (open) {
      open.remove();
      this.pane.querySelectorAll('.pdf-toggle').forEach((other) => other.setAttribute('aria-pressed', 'false'));
    }
    if (!same) {
      button.setAttribute('aria-pressed', 'true');
      this.pane.querySelector('.attachments').after(el('div', { class: 'pdf-preview', dataset: { path: part.path } },
        el('iframe', { id: 'pdf-frame', src: part.url + '?inline=1', referrerpolicy: 'no-referrer',
          title: 'Preview of ' + format.fileName(part.filename || 'part ' + part.path) })));
    }
  }

  renderTab() {
    const d = this.detail;
    const tab = this.shownTab();
    if (tab === 'html') {
      fill(this.panel, this.htmlView());
    } else if (tab === 'text') {
      fill(this.panel, d.text ? el('pre', { class: 'body-text', id: 'text-body', text: d.text })
        : notice('This message has no plain text body.'));
    } else if (tab === 'source') {
      fill(this.panel, sourceView(d.html));
    } else if (tab === 'links') {
      fill(this.panel, linksView(d.id));
    } else if (tab === 'auth') {
      fill(this.panel, authView(d.authentication));
    } else if (tab === 'headers') {
      fill(this.panel, this.headersView());
    } else if (tab === 'raw') {
      const pre = el('pre', { class: 'raw', id: 'raw-source', text: 'Loading…' });
      fill(this.panel, pre);
      getText('api/messages/' + d.id + '/raw').then((raw) => {
        pre.textContent = raw.length > RAW_SHOWN ? raw.slice(0, RAW_SHOWN) + '\n… (download the .eml for the rest)' : raw;
      }, (error) => {
        pre.textContent = 'Cannot load the source: ' + error.message;
      });
    } else {
      fill(this.panel, el('ul', { class: 'mime-tree', id: 'mime-tree' }, mimeNode(d.mime)));
    }
  }

  htmlView() {
    const d = this.detail;
    const src = scoped('api/messages/' + d.id + '/html' + (this.remote ? '?remote=1' : ''));
    const frame = el('iframe', {
      id: 'html-frame', sandbox: SANDBOX, referrerpolicy: 'no-referrer', src, title: 'HTML body of the message',
    });
    const toolbar = el('div', { class: 'html-toolbar' },
      el('div', { class: 'segmented', role: 'group', 'aria-label': 'Preview width' },
        VIEWPORTS.map((viewport) => el('button', {
          type: 'button', dataset: { viewport: viewport.id }, id: 'viewport-' + viewport.id, title: viewport.title + ' (v)',
          'aria-pressed': String(viewport.id === this.viewport), text: viewport.label,
          onclick: () => this.setViewport(viewport.id),
        }))),
      d.remoteContent ? el('button', {
        type: 'button', id: 'load-remote', disabled: this.remote,
        text: this.remote ? 'Remote content shown' : 'Show remote content',
        title: 'Images and styles from other servers are blocked: loading them tells the sender the mail was read',
        onclick: () => {
          this.remote = true;
          this.renderTab();
        },
      }) : null,
      d.remoteContent && !this.remote ? el('span', { class: 'muted', text: 'Remote images are blocked.' }) : null);
    return [toolbar, el('div', { class: 'frame-box viewport-' + this.viewport }, frame)];
  }

  headersView() {
    const d = this.detail;
    const e = d.envelope;
    const hidden = new Set(d.hiddenRecipients.map((a) => a.toLowerCase()));
    const params = (map) => Object.entries(map).map(([key, value]) => ' ' + key + (value === '' ? '' : '=' + value)).join('');
    const envelope = el('section', { class: 'envelope', id: 'envelope', 'aria-label': 'Envelope' },
      el('h3', { text: 'Envelope (SMTP)' }),
      el('dl', {},
        row('MAIL FROM', '<' + e.mailFrom + '>' + params(e.mailParameters)),
        row('RCPT TO', el('ul', { class: 'plain' }, e.recipients.map((r) => el('li', {},
          '<' + r.address + '>' + params(r.parameters),
          hidden.has(r.address.toLowerCase()) ? [' ', el('span', { class: 'flag', text: 'Bcc' })] : null)))),
        row('HELO', e.heloName),
        row('Client', e.clientAddress || '(unknown)'),
        row('TLS', e.tls || 'no'),
        row('AUTH', e.authenticatedUser || 'no'),
        row('Protocol', e.protocol)));
    const rows = d.headers.map((header) => el('tr', { dataset: { text: (header.name + ': ' + header.value).toLowerCase() } },
      el('th', { scope: 'row', text: header.name }), el('td', { text: header.value })));
    const count = el('span', { id: 'header-count', class: 'muted' });
    const filter = el('input', { type: 'search', id: 'header-filter', class: 'header-filter', autocomplete: 'off',
      spellcheck: 'false', placeholder: 'Filter header fields', 'aria-label': 'Filter header fields' });
    const narrow = () => {
      const words = filter.value.trim().toLowerCase();
      let shown = 0;
      for (const tr of rows) {
        tr.hidden = words !== '' && !tr.dataset.text.includes(words);
        shown += tr.hidden ? 0 : 1;
      }
      count.textContent = words === '' ? '' : shown + ' of ' + rows.length;
    };
    filter.addEventListener('input', narrow);
    const headers = el('section', { class: 'header-fields', 'aria-label': 'Header fields' },
      el('h3', { text: 'Header fields' }),
      el('div', { class: 'filter-row' }, filter, count),
      el('table', { id: 'header-table' }, el('tbody', {}, rows)));
    return el('div', { class: 'headers-view' }, envelope, headers);
  }
}

function mimeNode(part) {
  const label = [part.path || 'message', part.contentType, part.charset ? 'charset=' + part.charset : null,
    part.disposition, part.contentId ? 'cid:' + part.contentId : null, format.size(part.size)]
    .filter(Boolean).join(' · ');
  return el('li', {},
    el('span', { class: 'part' + (part.attachment ? ' attachment-part' : ''), text: label }),
    part.filename ? [' “', el('span', { class: 'filename', text: format.fileName(part.filename) }), '”'] : null,
    part.url ? [' ', el('a', { href: part.url, download: format.fileName(part.filename || ''), text: 'download' })] : null,
    part.children.length ? el('ul', {}, part.children.map(mimeNode)) : null);
}
