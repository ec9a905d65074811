// The DNS page: the server's fake DNS zone (shared by every inbox), where its responder answers, and a form to
// add records; live when the zone changes from anywhere (API, Java, another page). See docs/dns.md.
import { el, fill, gridTable, notice, onSubmit, removeButton, wholeRow } from './dom.js';
import { getJson, sendJson } from './api.js';
import * as live from './live.js';

const TYPES = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'PTR'];
const PLACEHOLDERS = {
  A: '127.0.0.1', AAAA: '::1', MX: '10 mx.shop.test', TXT: 'v=spf1 ip4:127.0.0.1 -all',
  CNAME: 'mx.shop.test', PTR: 'mx.shop.test',
};

export function mount(container) {
  const where = el('p', { id: 'dns-endpoint', class: 'muted' });
  const records = el('tbody', { id: 'dns-records' });
  const name = el('input', { id: 'dns-name', type: 'text', 'aria-label': 'Name', placeholder: 'shop.test',
    spellcheck: 'false', autocomplete: 'off' });
  const type = el('select', { id: 'dns-type', 'aria-label': 'Type' },
    TYPES.map((each) => el('option', { value: each, text: each })));
  const data = el('input', { id: 'dns-data', type: 'text', class: 'rule-input', 'aria-label': 'Data',
    placeholder: PLACEHOLDERS.A, spellcheck: 'false', autocomplete: 'off' });
  type.addEventListener('change', () => {
    data.placeholder = PLACEHOLDERS[type.value];
  });
  const status = el('p', { id: 'dns-status', class: 'muted', role: 'status' });
  const form = el('form', { id: 'dns-form', class: 'fault-form' }, name, type, data,
    el('button', { type: 'submit', text: 'Add record' }));
  onSubmit(form, status, async () => {
    await sendJson('POST', 'api/dns', { name: name.value, type: type.value, data: data.value });
    status.className = 'muted';
    status.textContent = 'Added ' + type.value + ' ' + name.value + '.';
    data.value = '';
    await load();
  });
  container.appendChild(el('section', { class: 'faults-page', 'aria-label': 'DNS zone' },
    el('div', { class: 'list-toolbar' }, el('h2', { text: 'DNS zone' }),
      el('button', { id: 'dns-clear', type: 'button', text: 'Remove all', onclick: async () => {
        await sendJson('DELETE', 'api/dns');
        await load();
      } })),
    where, form, status,
    gridTable({}, ['Name', 'Type', 'TTL', 'Data', ''], records)));

  async function load() {
    try {
      const zone = await getJson('api/dns');
      if (!zone.enabled) {
        where.textContent = 'This server has no DNS zone: start it with --dns-port (standalone) or '
          + 'builder().zone(...) / dnsPort(...) in Java.';
        form.hidden = true;
      } else {
        form.hidden = false;
        where.textContent = zone.endpoint
          ? 'Answers on ' + zone.endpoint.host + ':' + zone.endpoint.port + ' (UDP and TCP).'
          : 'In-process only (no DNS port).';
      }
      fill(records, zone.records.length ? zone.records.map((record) => el('tr', {},
        el('td', {}, el('code', { text: record.name })),
        el('td', { text: record.type }),
        el('td', { class: 'number', text: String(record.ttl) }),
        el('td', {}, el('code', { class: 'rule-text', text: record.data })),
        el('td', {}, removeButton('Remove ' + record.type + ' records of ' + record.name, async () => {
          await sendJson('DELETE', 'api/dns?' + new URLSearchParams({ name: record.name, type: record.type }));
          await load();
        }))))
        : wholeRow(5, notice('No records.')));
    } catch (error) {
      fill(records, wholeRow(5, notice('Cannot load the zone: ' + error.message, 'error')));
    }
  }

  const unsubscribe = live.onEach(['dns', 'resync'], live.coalesce(load, 200));
  load();
  return {
    update() {},
    unmount() {
      unsubscribe();
    },
  };
}
