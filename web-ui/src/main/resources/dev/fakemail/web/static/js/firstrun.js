// The empty inbox's first-run help: where to send mail, and a command that sends a test message.
import { el } from './dom.js';
import { getJson } from './api.js';

let info = null; // GET /api/info, once per page load: the listeners do not move while the server runs

/** host:port as a client writes it: a wildcard bind means "this machine", an IPv6 literal gets brackets. */
export function smtpAddress(endpoint, pageHost) {
  let host = endpoint.host;
  if (host === '0.0.0.0' || host === '::' || host === '0:0:0:0:0:0:0:0') {
    host = pageHost || '127.0.0.1';
  }
  if (host.includes(':') && !host.startsWith('[')) {
    host = '[' + host + ']';
  }
  return host + ':' + endpoint.port;
}

/** A curl command that sends one message over plain SMTP, the message itself in a here-document. */
export function curlCommand(address) {
  return [
    "curl --url smtp://" + address + " --mail-from dev@example.test --mail-rcpt you@example.test --upload-file - <<'EOF'",
    'From: Dev <dev@example.test>',
    'To: You <you@example.test>',
    'Subject: Hello from fakemail',
    '',
    'It works: this message went through fakemail.',
    'EOF',
  ].join('\n');
}

/**
 * Copies the text; where the clipboard API is missing or refused (plain http on another host than
 * localhost, a browser's policy) selects it instead, so Ctrl+C does the rest. Says which it did.
 */
export async function copyOrSelect(text, node, status) {
  try {
    if (!navigator.clipboard || !navigator.clipboard.writeText) {
      throw new Error('no clipboard API');
    }
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch (refused) {
    const selection = window.getSelection();
    selection.selectAllChildren(node);
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
}

/** The block shown in place of an empty list; filled in when /api/info answers. */
export function firstRun() {
  const box = el('div', { id: 'first-run', class: 'first-run' },
    el('p', { class: 'notice', text: 'No messages yet. Send mail to this server’s SMTP port and it shows up here.' }));
  (info || (info = getJson('api/info'))).then((answer) => {
    const smtp = answer.server && answer.server.endpoints.find((endpoint) => endpoint.protocol === 'smtp');
    if (!smtp) {
      return;
    }
    const address = smtpAddress(smtp, location.hostname);
    const command = curlCommand(address);
    const code = el('pre', { id: 'send-command', class: 'command', text: command });
    const status = el('span', { id: 'copy-status', class: 'muted', role: 'status' });
    box.append(
      el('p', {}, 'SMTP listens on ', el('code', { id: 'smtp-address', text: address }),
        ' (plain, STARTTLS offered). Point your application there, or send a test message from a shell:'),
      code,
      el('div', { class: 'copy-row' },
        el('button', { type: 'button', id: 'copy-command', text: 'Copy',
          onclick: () => copyOrSelect(command, code, status) }),
        status));
  }, () => {
    info = null; // ask again next time; the notice above still says what to do
  });
  return box;
}
