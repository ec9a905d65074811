// SPF, DKIM and DMARC of a message as the server checked them against its fake DNS zone: three badges in the
// message head, and a panel that says for each check what was looked up and why it failed.
import { el, notice } from './dom.js';

function badgeClass(result) {
  if (result === 'pass') {
    return 'auth-badge auth-pass';
  }
  return result === 'none' || result === 'neutral' ? 'auth-badge auth-none' : 'auth-badge auth-fail';
}

/** The three badges; a click on one opens the Authentication tab. */
export function authBadges(auth, open) {
  return el('span', { id: 'auth-badges', class: 'auth-badges' },
    [['SPF', auth.spf], ['DKIM', auth.dkim], ['DMARC', auth.dmarc]].map(([name, result]) => el('button', {
      type: 'button', class: badgeClass(result), dataset: { check: name.toLowerCase(), result },
      title: name + ' ' + result + ': details in the Authentication tab (8)', text: name + ' ' + result,
      onclick: open,
    })));
}

function section(title, result, rows) {
  return el('section', { class: 'auth-check', dataset: { result } },
    el('h3', {}, el('span', { class: badgeClass(result), text: result }), ' ', title),
    el('dl', {}, rows.filter((row) => row[1] !== '' && row[1] !== null && row[1] !== undefined)
      .map(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })])));
}

/** The Authentication tab: every check with its record and reason. */
export function authView(auth) {
  if (!auth) {
    return notice('Not checked: this server has no fake DNS zone. Give it one (builder zone(...), --dns-zone, or the DNS page) and new mail is checked for SPF, DKIM and DMARC.');
  }
  const spf = (title, check) => section(title, check.result, [
    ['Domain', check.domain], ['Client', check.clientIp], ['Record', check.record], ['Why', check.reason]]);
  const signatures = auth.signatures.length
    ? auth.signatures.map((sig, i) => section('DKIM signature ' + (i + 1) + ' · d=' + sig.domain + ' s=' + sig.selector,
      sig.result, [['Algorithm', sig.algorithm], ['Signed fields', sig.signedFields], ['Why', sig.reason]]))
    : [section('DKIM', 'none', [['Why', 'The message has no DKIM-Signature.']])];
  const dmarc = auth.policy;
  return el('div', { id: 'auth-panel', class: 'auth-panel' },
    spf('SPF · MAIL FROM', auth.mailFrom),
    spf('SPF · HELO', auth.helo),
    signatures,
    section('DMARC · From ' + (dmarc.fromDomain || '(none)'), dmarc.result, [
      ['Policy', dmarc.policy], ['Record', dmarc.record], ['Why', dmarc.reason]]),
    el('p', { class: 'muted' }, 'Authentication-Results: ', el('code', { id: 'auth-header', text: auth.header })));
}
