// The faults page: the server's scripted fault rules, with their hits live, and a form to add rules in the
// text form (the same grammar as the standalone server's --faults; see docs/faults.md).
import { el, fill, gridTable, notice, onSubmit, removeButton, wholeRow } from './dom.js';
import { getJson, sendJson } from './api.js';
import * as live from './live.js';

const EXAMPLES = [
  ['Fail next RCPT once', 'smtp rcpt * -> reply 451 4.3.0 "Try again later" times 1'],
  ['Mailbox full', 'smtp rcpt * -> reply 452 4.2.2 "Mailbox full"'],
  ['No such user', 'smtp rcpt * -> reply 550 5.1.1 "No such user here"'],
  ['Greylisting', 'smtp rcpt * -> greylist 5m'],
  ['Slow server', 'smtp * -> delay lognormal 500ms 0.5'],
  ['Refuse connections', 'smtp connect -> reply-disconnect 421 4.7.0 "Too many connections, try again later"'],
  ['Drop after DATA', 'smtp data-end -> disconnect'],
  ['Slow POP3 download', 'pop3 RETR -> throttle 2000'],
  ['IMAP quota on APPEND', 'imap literal APPEND -> reply 452 OVERQUOTA "Quota exceeded"'],
  ['IMAP alert while idling', 'imap idle -> untagged "OK [ALERT] Maintenance in 5 minutes"'],
  ['IMAP expunge elsewhere', 'imap idle -> expunge-elsewhere first'],
  ['IMAP new UIDVALIDITY', 'imap select -> new-uidvalidity times 1'],
];

export function mount(container) {
  const rules = el('tbody', { id: 'fault-list' });
  const seed = el('span', { id: 'fault-seed', class: 'muted' });
  const input = el('input', {
    id: 'fault-rule', type: 'text', class: 'rule-input', spellcheck: 'false', autocomplete: 'off',
    'aria-label': 'Fault rule in the text form', placeholder: EXAMPLES[0][1],
  });
  const status = el('p', { id: 'fault-status', class: 'muted', role: 'status' });
  const form = el('form', { id: 'fault-form', class: 'fault-form' },
    input, el('button', { type: 'submit', text: 'Add rule' }));
  onSubmit(form, status, async () => {
    const result = await sendJson('POST', 'api/faults', { text: input.value });
    status.className = 'muted';
    status.textContent = 'Added ' + result.added.map((rule) => '#' + rule.id).join(', ') + '.';
    input.value = '';
    await load();
  });
  container.appendChild(el('section', { class: 'faults-page', 'aria-label': 'Fault rules' },
    el('div', { class: 'list-toolbar' }, el('h2', { text: 'Fault rules' }), seed,
      el('button', { id: 'fault-clear', type: 'button', text: 'Remove all', onclick: async () => {
        await sendJson('DELETE', 'api/faults');
        await load();
      } })),
    form, status,
    el('p', { class: 'muted' }, 'Examples: ', EXAMPLES.map(([label, text], i) => [i ? ' · ' : '',
      el('button', { type: 'button', class: 'link', text: label, title: text, onclick: () => {
        input.value = text;
        input.focus();
      } })])),
    gridTable({}, ['#', 'Rule', 'Matched', 'Hits', ''], rules)));

  async function load() {
    try {
      const plan = await getJson('api/faults');
      seed.textContent = 'seed ' + plan.seed;
      fill(rules, plan.rules.length ? plan.rules.map((rule) => el('tr', { dataset: { id: rule.id } },
        el('td', { text: '#' + rule.id }),
        el('td', {}, el('code', { class: 'rule-text', text: rule.text })),
        el('td', { class: 'number', text: String(rule.occurrences) }),
        el('td', { class: 'number hits', text: String(rule.hits) }),
        el('td', {}, removeButton('Remove rule #' + rule.id, async () => {
          await sendJson('DELETE', 'api/faults/' + rule.id);
          await load();
        }))))
        : wholeRow(5, notice('No fault rules: the server behaves.')));
    } catch (error) {
      fill(rules, wholeRow(5, notice('Cannot load fault rules: ' + error.message, 'error')));
    }
  }

  const unsubscribe = live.onEach(['fault', 'faults', 'reset', 'resync'], live.coalesce(load, 200));
  load();
  return {
    update() {},
    unmount() {
      unsubscribe();
    },
  };
}
