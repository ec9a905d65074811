// imapflow against fakemail's IMAP4rev2 (RFC 9051): imapflow sends ENABLE IMAP4rev2 by itself when the server
// advertises it, and then relies on rev2 rules (ESEARCH for every SEARCH, LIST (SUBSCRIBED) instead of LSUB, no
// STATUS RECENT, UTF-8 mailbox names). The same steps run with rev2 switched off, to show nothing else changes.
//
// Usage: node imapflow_rev2.mjs HOST PORT USER PASSWORD MODE
//   MODE "default": imapflow as it comes; "disable": imapflow's disableIMAP4rev2 option
//
// The test has delivered two messages to USER before. Each step prints one line "step: result". At the end the
// client IDLEs, prints "idling", and waits for the server to push the message the test then delivers; any
// surprise exits non-zero with the error on stderr.
import { idleUntilNewMailThenLogout, more, newClient } from './imapflow_common.mjs';

const [mode] = more;
const client = newClient({ disableIMAP4rev2: mode === 'disable' });

await client.connect();
console.log(`advertised: ${client.capabilities.has('IMAP4rev2')}`);
console.log(`enabled: ${[...client.enabled].sort().join(' ')}`);

// UTF-8 names: sent and listed as they are under rev2 (or UTF8=ACCEPT), modified UTF-7 otherwise
await client.mailboxCreate('Entwürfe/Grüße');
await client.mailboxSubscribe('Entwürfe/Grüße');
const folders = (await client.list({ statusQuery: { messages: true, size: true } }))
    .filter(folder => folder.path.startsWith('Entw'))
    .map(folder => `${folder.path}${folder.subscribed ? '+subscribed' : ''}${folder.status ? '=' + folder.status.messages : ''}`);
console.log(`list: ${folders.join(' ')}`);
await client.append('Entwürfe/Grüße', 'From: Jörg <joerg@example.test>\r\nSubject: Grüße\r\n\r\nHallo\r\n');
const status = await client.status('Entwürfe/Grüße', { messages: true, unseen: true, recent: true, size: true });
console.log(`status: messages ${status.messages} unseen ${status.unseen} recent ${status.recent} size ${status.size > 0}`);

const lock = await client.getMailboxLock('INBOX');
try {
    console.log(`open: exists ${client.mailbox.exists}`);
    const flags = [];
    for await (const message of client.fetch('1:*', { uid: true, flags: true })) {
        flags.push(`${message.uid}:${[...message.flags].sort().join(',')}`);
    }
    console.log(`flags: ${flags.join(' ')}`);
    await client.messageFlagsAdd({ seq: '2' }, ['\\Seen']);
    console.log(`search unseen: ${(await client.search({ seen: false })).join(' ')}`);
    console.log(`search none: [${(await client.search({ subject: 'no such subject' })).join(' ')}]`);
    console.log(`search uid all: ${(await client.search({ all: true }, { uid: true })).join(' ')}`);
    const part = await client.fetchOne('1', { bodyParts: ['1'] });
    console.log(`body part: ${part.bodyParts.get('1').toString().trim()}`);
} finally {
    lock.release();
}

await idleUntilNewMailThenLogout(client);
